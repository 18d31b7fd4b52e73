package checkpoint

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"sort"
)

// maxHeader bounds a safetensors JSON header (real ones are a few hundred KB).
const maxHeader = 100 << 20

type stEntry struct {
	Dtype       string   `json:"dtype"`
	Shape       []int64  `json:"shape"`
	DataOffsets []uint64 `json:"data_offsets"`
}

// parseSafetensors reads the header of a safetensors file held in buf and
// returns its tensors, their data slicing buf. Every length is checked
// against len(buf) before it is used; the tensors must tile the data region
// exactly. __metadata__ is ignored.
func parseSafetensors(path string, buf []byte) ([]*tensor, error) {
	if len(buf) < 8 {
		return nil, fileErr(path, "safetensors file of %d bytes has no header length", len(buf))
	}
	n := binary.LittleEndian.Uint64(buf)
	if n > uint64(len(buf)-8) {
		return nil, fileErr(path, "safetensors header length %d exceeds the %d bytes after it", n, len(buf)-8)
	}
	if n > maxHeader {
		return nil, fileErr(path, "safetensors header length %d is over the %d-byte limit", n, maxHeader)
	}
	hdr, data := buf[8:8+n], buf[8+n:]
	if len(bytes.TrimSpace(hdr)) == 0 || bytes.TrimSpace(hdr)[0] != '{' {
		return nil, fileErr(path, "safetensors header is not a json object")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(hdr, &raw); err != nil {
		return nil, fileErr(path, "safetensors header: %v", err)
	}
	delete(raw, "__metadata__")
	ts := make([]*tensor, 0, len(raw))
	offs := make(map[*tensor][2]uint64, len(raw))
	for name, msg := range raw {
		t, off, err := stTensor(path, name, msg, data)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
		offs[t] = off
	}
	sort.Slice(ts, func(i, j int) bool {
		a, b := offs[ts[i]], offs[ts[j]]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	var end uint64
	for _, t := range ts {
		o := offs[t]
		switch {
		case o[0] < end:
			return nil, tensorErr(path, t.name, "data_offsets [%d, %d] overlap the tensor before (ending at %d)", o[0], o[1], end)
		case o[0] > end:
			return nil, tensorErr(path, t.name, "data_offsets [%d, %d] leave a gap after byte %d", o[0], o[1], end)
		}
		end = o[1]
	}
	if end != uint64(len(data)) {
		return nil, fileErr(path, "tensors cover %d of the %d data bytes", end, len(data))
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].name < ts[j].name })
	return ts, nil
}

// stTensor checks one header entry against the data region.
func stTensor(path, name string, msg json.RawMessage, data []byte) (*tensor, [2]uint64, error) {
	var e stEntry
	var off [2]uint64
	if err := json.Unmarshal(msg, &e); err != nil {
		return nil, off, tensorErr(path, name, "header entry: %v", err)
	}
	size, ok := dtypeSizes[e.Dtype]
	if !ok {
		return nil, off, tensorErr(path, name, "unknown dtype %q", e.Dtype)
	}
	if len(e.DataOffsets) != 2 {
		return nil, off, tensorErr(path, name, "data_offsets must be [begin, end], got %d numbers", len(e.DataOffsets))
	}
	off = [2]uint64{e.DataOffsets[0], e.DataOffsets[1]}
	if off[0] > off[1] || off[1] > uint64(len(data)) {
		return nil, off, tensorErr(path, name, "data_offsets [%d, %d] outside the %d data bytes", off[0], off[1], len(data))
	}
	shape := make([]int, len(e.Shape))
	for i, s := range e.Shape {
		if s < 0 {
			return nil, off, tensorErr(path, name, "negative dimension in shape %v", e.Shape)
		}
		shape[i] = int(min(s, int64(len(data))+1)) // larger than any data: numel fails below
	}
	n, ok := numel(shape, size, len(data))
	if !ok {
		return nil, off, tensorErr(path, name, "shape %v (%s) needs more bytes than the file holds", e.Shape, e.Dtype)
	}
	if uint64(n*size) != off[1]-off[0] {
		return nil, off, tensorErr(path, name, "shape %v of %s is %d bytes but data_offsets [%d, %d] span %d",
			e.Shape, e.Dtype, n*size, off[0], off[1], off[1]-off[0])
	}
	return &tensor{file: path, name: name, dtype: e.Dtype, shape: shape, data: data[off[0]:off[1]:off[1]]}, off, nil
}

// shardIndex is model.safetensors.index.json.
type shardIndex struct {
	WeightMap map[string]string `json:"weight_map"`
}

// readIndex returns the shard files an index names (beside it), sorted.
func readIndex(path string, b []byte) ([]string, map[string]string, error) {
	var ix shardIndex
	if err := json.Unmarshal(b, &ix); err != nil {
		return nil, nil, fileErr(path, "shard index: %v", err)
	}
	if len(ix.WeightMap) == 0 {
		return nil, nil, fileErr(path, "shard index has no weight_map")
	}
	seen := map[string]bool{}
	var files []string
	names := make([]string, 0, len(ix.WeightMap))
	for name := range ix.WeightMap {
		names = append(names, name)
	}
	sort.Strings(names) // the first bad entry in order: the same message every run
	for _, name := range names {
		f := ix.WeightMap[name]
		if cleanBase(f) == "" {
			return nil, nil, tensorErr(path, name, "shard %q is not a file name beside the index", f)
		}
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return files, ix.WeightMap, nil
}
