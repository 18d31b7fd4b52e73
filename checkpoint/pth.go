package checkpoint

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"path"
	"sort"

	"github.com/nlpodyssey/gopickle/types"
)

// parsePth reads a torch.save file held in buf: the zip format (torch ≥ 1.6)
// or the legacy one (_use_new_zipfile_serialization=False).
func parsePth(file string, buf []byte) ([]*tensor, error) {
	var sd map[string]*pthTensor
	var err error
	if len(buf) >= 4 && string(buf[:4]) == "PK\x03\x04" {
		sd, err = pthZip(buf)
	} else if len(buf) >= 2 && buf[0] == 0x80 {
		sd, err = pthLegacy(buf)
	} else {
		err = fmt.Errorf("not a torch.save file (neither zip nor pickle)")
	}
	if err != nil {
		return nil, asInput(file, err)
	}
	names := make([]string, 0, len(sd))
	for n := range sd {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*tensor, 0, len(sd))
	for _, n := range names {
		t, err := pthView(file, n, sd[n])
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// pthView checks that a tensor is a contiguous row-major view inside its
// storage and returns its bytes.
func pthView(file, name string, p *pthTensor) (*tensor, error) {
	st := p.storage
	if st.data == nil && st.numel > 0 {
		return nil, tensorErr(file, name, "storage %q has no data", st.key)
	}
	elem := dtypeSizes[st.dtype]
	n, ok := numel(p.size, elem, len(st.data))
	if !ok || p.offset > len(st.data)/elem || n > len(st.data)/elem-p.offset {
		return nil, tensorErr(file, name, "shape %v at offset %d runs past its storage of %d elements", p.size, p.offset, len(st.data)/elem)
	}
	want := 1
	for i := len(p.size) - 1; i >= 0; i-- {
		if p.size[i] > 1 && p.stride[i] != want {
			return nil, tensorErr(file, name, "strides %v are not contiguous row-major (save a .contiguous() copy)", p.stride)
		}
		want *= p.size[i]
	}
	b := st.data[p.offset*elem : (p.offset+n)*elem : (p.offset+n)*elem]
	return &tensor{file: file, name: name, dtype: st.dtype, shape: p.size, data: b}, nil
}

// pthZip reads the zip format: <prefix>/data.pkl and one stored (not
// compressed) entry <prefix>/data/<key> per storage, used in place.
func pthZip(buf []byte) (map[string]*pthTensor, error) {
	zr, err := zip.NewReader(bytes.NewReader(buf), int64(len(buf)))
	if err != nil {
		return nil, fmt.Errorf("not a readable torch.save zip: %w", err)
	}
	entries := map[string]*zip.File{}
	var pkl *zip.File
	for _, f := range zr.File {
		entries[f.Name] = f
		if path.Base(f.Name) == "data.pkl" && (pkl == nil || len(f.Name) < len(pkl.Name)) {
			pkl = f
		}
	}
	if pkl == nil {
		return nil, fmt.Errorf("zip has no data.pkl: not a torch.save file")
	}
	if _, ok := entries[path.Join(path.Dir(pkl.Name), "constants.pkl")]; ok {
		return nil, fmt.Errorf("a TorchScript archive, not a state dict")
	}
	if pkl.UncompressedSize64 > maxPickle {
		return nil, fmt.Errorf("data.pkl of %d bytes is over the %d-byte limit", pkl.UncompressedSize64, maxPickle)
	}
	rc, err := pkl.Open()
	if err != nil {
		return nil, fmt.Errorf("data.pkl: %w", err)
	}
	b, err := io.ReadAll(io.LimitReader(rc, maxPickle))
	rc.Close()
	if err != nil {
		return nil, fmt.Errorf("data.pkl: %w", err)
	}
	seen := map[string]*storageRef{}
	v, err := unpickle(b, persistentStorage(seen))
	if err != nil {
		return nil, fmt.Errorf("data.pkl: %w", err)
	}
	for key, st := range seen {
		if err := zipStorage(buf, entries, path.Join(path.Dir(pkl.Name), "data", key), st); err != nil {
			return nil, err
		}
	}
	return stateDict(v)
}

// zipStorage points st at its entry's bytes inside buf.
func zipStorage(buf []byte, entries map[string]*zip.File, name string, st *storageRef) error {
	f, ok := entries[name]
	if !ok {
		return fmt.Errorf("zip has no entry %s for storage %q", name, st.key)
	}
	if f.Method != zip.Store {
		return fmt.Errorf("zip entry %s is compressed (torch.save stores entries uncompressed)", name)
	}
	off, err := f.DataOffset()
	if err != nil {
		return fmt.Errorf("zip entry %s: %w", name, err)
	}
	size := f.UncompressedSize64
	if off < 0 || uint64(off) > uint64(len(buf)) || size > uint64(len(buf))-uint64(off) {
		return fmt.Errorf("zip entry %s of %d bytes runs past the end of the file", name, size)
	}
	elem := uint64(dtypeSizes[st.dtype])
	if uint64(st.numel) > size/elem {
		return fmt.Errorf("storage %q holds %d bytes, %d elements need %d", st.key, size, st.numel, uint64(st.numel)*elem)
	}
	st.data = buf[off : uint64(off)+uint64(st.numel)*elem : uint64(off)+uint64(st.numel)*elem]
	return nil
}

// legacyMagic is the first pickle of a legacy torch.save file.
var legacyMagic, _ = new(big.Int).SetString("1950a86a20f9469cfc6c", 16)

// pthLegacy reads the legacy format: pickles of the magic number, the
// protocol version, system information, the object, the storage keys;
// then each storage as an 8-byte element count and its raw bytes.
func pthLegacy(buf []byte) (map[string]*pthTensor, error) {
	pos := 0
	next := func(persistent func(any) (any, error)) (any, error) {
		n, err := scanPickle(buf[pos:min(len(buf), pos+maxPickle)])
		if err != nil {
			return nil, err
		}
		v, err := unpickle(buf[pos:pos+n], persistent)
		pos += n
		return v, err
	}
	magic, err := next(nil)
	if err != nil {
		return nil, fmt.Errorf("not a torch.save file: %w", err)
	}
	if m, ok := magic.(*big.Int); !ok || m.Cmp(legacyMagic) != 0 {
		return nil, fmt.Errorf("not a torch.save file (no legacy magic number)")
	}
	if proto, err := next(nil); err != nil || proto != 1001 {
		return nil, fmt.Errorf("unsupported legacy protocol version %v", proto)
	}
	if _, err := next(nil); err != nil {
		return nil, fmt.Errorf("legacy system information: %w", err)
	}
	seen := map[string]*storageRef{}
	v, err := next(persistentStorage(seen))
	if err != nil {
		return nil, fmt.Errorf("legacy state dict: %w", err)
	}
	keysV, err := next(nil)
	if err != nil {
		return nil, fmt.Errorf("legacy storage keys: %w", err)
	}
	if err := legacyStorages(buf, pos, keysV, seen); err != nil {
		return nil, err
	}
	return stateDict(v)
}

// legacyStorages points each storage at its bytes after the pickles.
func legacyStorages(buf []byte, pos int, keysV any, seen map[string]*storageRef) error {
	keys, ok := keysV.(*types.List)
	if !ok {
		return fmt.Errorf("legacy storage keys are not a list")
	}
	for _, k := range *keys {
		key, _ := k.(string)
		st, ok := seen[key]
		if !ok {
			return fmt.Errorf("legacy storage %q is not used by any tensor", key)
		}
		if len(buf)-pos < 8 {
			return fmt.Errorf("legacy storage %q: file truncated", key)
		}
		n := binary.LittleEndian.Uint64(buf[pos:])
		pos += 8
		elem := uint64(dtypeSizes[st.dtype])
		if n != uint64(st.numel) || n > uint64(len(buf)-pos)/elem {
			return fmt.Errorf("legacy storage %q: %d elements of %d bytes (%d expected) but %d bytes left in the file", key, n, elem, st.numel, len(buf)-pos)
		}
		st.data = buf[pos : pos+int(n*elem) : pos+int(n*elem)]
		pos += int(n * elem)
	}
	for key, st := range seen {
		if st.data == nil && st.numel > 0 {
			return fmt.Errorf("legacy storage %q has no data", key)
		}
	}
	return nil
}
