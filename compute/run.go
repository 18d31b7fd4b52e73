package compute

// Run computes every tensor of SPEC §5 for input x (T × d_in) under cfg.
// TODO(compute): only the simplified stage is computed so far.
func Run(x *Matrix, cfg Config) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Result{Config: cfg, Inputs: x, Simple: SimpleAttention(x)}, nil
}
