package checkpoint

import (
	"bytes"
	"fmt"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
)

// maxPickle bounds each pickle of a torch.save file. GPT-2 XL's state dict
// pickles to under 100 KB; within 1 MB, what a hostile pickle can make the
// pickle machine build (a list or dict entry per few bytes) stays in the
// tens of MB at most.
const maxPickle = 1 << 20

// storageDtypes maps torch's storage classes to safetensors dtype names.
var storageDtypes = map[string]string{
	"FloatStorage": "F32", "HalfStorage": "F16", "BFloat16Storage": "BF16", "DoubleStorage": "F64",
	"LongStorage": "I64", "IntStorage": "I32", "ShortStorage": "I16", "CharStorage": "I8",
	"ByteStorage": "U8", "BoolStorage": "BOOL",
}

// storageClass stands for torch.XStorage inside a pickle.
type storageClass struct{ dtype string }

// storageRef is a persistent id: one storage of a torch.save file.
type storageRef struct {
	dtype string
	key   string
	numel int
	data  []byte // filled in once the storages are located
}

// pthTensor is what torch._utils._rebuild_tensor_v2 builds.
type pthTensor struct {
	storage *storageRef
	offset  int
	size    []int
	stride  []int
}

type rebuildTensor struct{}

func (rebuildTensor) Call(args ...any) (any, error) {
	if len(args) < 4 {
		return nil, fmt.Errorf("_rebuild_tensor_v2 with %d arguments", len(args))
	}
	st, ok := args[0].(*storageRef)
	off, ok2 := args[1].(int)
	if !ok || !ok2 || off < 0 {
		return nil, fmt.Errorf("_rebuild_tensor_v2 without a storage and an offset")
	}
	size, err := intTuple(args[2])
	if err != nil {
		return nil, fmt.Errorf("tensor size: %w", err)
	}
	stride, err := intTuple(args[3])
	if err != nil || len(stride) != len(size) {
		return nil, fmt.Errorf("tensor stride does not match its size")
	}
	return &pthTensor{storage: st, offset: off, size: size, stride: stride}, nil
}

// rebuildParameter unwraps torch._utils._rebuild_parameter (an
// nn.Parameter saved as such): its first argument is the tensor.
type rebuildParameter struct{}

func (rebuildParameter) Call(args ...any) (any, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("_rebuild_parameter without a tensor")
	}
	return args[0], nil
}

func intTuple(v any) ([]int, error) {
	t, ok := v.(*types.Tuple)
	if !ok {
		return nil, fmt.Errorf("not a tuple")
	}
	out := make([]int, t.Len())
	for i := range out {
		n, ok := t.Get(i).(int)
		if !ok || n < 0 {
			return nil, fmt.Errorf("not a tuple of non-negative ints")
		}
		out[i] = n
	}
	return out, nil
}

// findTorchClass admits only the classes a state dict needs.
func findTorchClass(module, name string) (any, error) {
	switch module + "." + name {
	case "torch._utils._rebuild_tensor_v2":
		return rebuildTensor{}, nil
	case "torch._utils._rebuild_parameter":
		return rebuildParameter{}, nil
	}
	if dt, ok := storageDtypes[name]; ok && module == "torch" {
		return &storageClass{dtype: dt}, nil
	}
	return nil, fmt.Errorf("unsupported python class %s.%s in the pickle", module, name)
}

// unpickle runs the pickle in b (already bounded by scanPickle). The pickle
// library may panic on hostile input; this is the one place that recovers.
func unpickle(b []byte, persistent func(any) (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("malformed pickle (%v)", r)
		}
	}()
	n, err := scanPickle(b)
	if err != nil {
		return nil, err
	}
	u := pickle.NewUnpickler(bytes.NewReader(b[:n]))
	u.FindClass = findTorchClass
	u.PersistentLoad = persistent
	return u.Load()
}

// persistentStorage turns a persistent id ("storage", class, key, location,
// numel[, view]) into a storageRef, one per key.
func persistentStorage(seen map[string]*storageRef) func(any) (any, error) {
	return func(id any) (any, error) {
		t, ok := id.(*types.Tuple)
		if !ok || t.Len() < 5 {
			return nil, fmt.Errorf("persistent id is not a storage tuple")
		}
		kind, _ := t.Get(0).(string)
		cls, ok1 := t.Get(1).(*storageClass)
		key, ok2 := t.Get(2).(string)
		numel, ok3 := t.Get(4).(int)
		if kind != "storage" || !ok1 || !ok2 || !ok3 || numel < 0 {
			return nil, fmt.Errorf("persistent id is not a storage tuple")
		}
		if t.Len() > 5 && t.Get(5) != nil {
			return nil, fmt.Errorf("storage views are not supported")
		}
		if s, ok := seen[key]; ok {
			if s.dtype != cls.dtype || s.numel != numel {
				return nil, fmt.Errorf("storage %q is declared twice differently", key)
			}
			return s, nil
		}
		s := &storageRef{dtype: cls.dtype, key: key, numel: numel}
		seen[key] = s
		return s, nil
	}
}

// stateDict finds the tensors of a loaded pickle: a dict or OrderedDict of
// name → tensor, or such a dict under "model_state_dict" / "state_dict"
// (a training checkpoint). Entries that are not tensors are skipped.
func stateDict(v any) (map[string]*pthTensor, error) {
	entries := dictEntries(v)
	if entries == nil {
		return nil, fmt.Errorf("the pickle holds no state dict")
	}
	for _, k := range []string{"model_state_dict", "state_dict"} {
		for _, e := range entries {
			if s, _ := e[0].(string); s == k && dictEntries(e[1]) != nil {
				entries = dictEntries(e[1]) // one level only: a pickle may refer to itself
				break
			}
		}
	}
	out := map[string]*pthTensor{}
	for _, e := range entries {
		name, ok := e[0].(string)
		t, ok2 := e[1].(*pthTensor)
		if ok && ok2 {
			out[name] = t
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the pickle holds no tensors")
	}
	return out, nil
}

func dictEntries(v any) [][2]any {
	var out [][2]any
	switch d := v.(type) {
	case *types.Dict:
		for _, e := range *d {
			out = append(out, [2]any{e.Key, e.Value})
		}
	case *types.OrderedDict:
		for el := d.List.Front(); el != nil; el = el.Next() {
			e := el.Value.(*types.OrderedDictEntry)
			out = append(out, [2]any{e.Key, e.Value})
		}
	default:
		return nil
	}
	if out == nil {
		out = [][2]any{}
	}
	return out
}
