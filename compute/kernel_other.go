//go:build !amd64

package compute

const (
	hasFMA    = false
	hasAVX512 = false
)

func kern6x16(k int, a, b, c *float32, ldc int, acc bool) { panic("compute: kern6x16 needs amd64") }

func kern8x48(k int, a, b, c *float32, ldc int, acc bool) { panic("compute: kern8x48 needs amd64") }

func kern8x32of48(k int, a, b, c *float32, ldc int, acc bool) { panic("compute: kern8x48 needs amd64") }

func kern8x16of48(k int, a, b, c *float32, ldc int, acc bool) { panic("compute: kern8x48 needs amd64") }

func expSub8(x []float32, mx float32) float32 { panic("compute: expSub8 needs amd64") }

func biasGELU8(x, bias []float32) { panic("compute: biasGELU8 needs amd64") }

func kern8x48A(k int, a *float32, lda int, b, c *float32, ldc int, acc bool) {
	panic("compute: kern8x48 needs amd64")
}

func kern8x32of48A(k int, a *float32, lda int, b, c *float32, ldc int, acc bool) {
	panic("compute: kern8x48 needs amd64")
}

func kern8x16of48A(k int, a *float32, lda int, b, c *float32, ldc int, acc bool) {
	panic("compute: kern8x48 needs amd64")
}

func kern8x48AB(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, acc bool) {
	panic("compute: kern8x48 needs amd64")
}

func kern8x48B(k int, a, b *float32, ldb int, c *float32, ldc int, acc bool) {
	panic("compute: kern8x48 needs amd64")
}

func kern6x16A(k int, a *float32, lda int, b, c *float32, ldc int, acc bool) {
	panic("compute: kern6x16 needs amd64")
}

func kern6x16B(k int, a, b *float32, ldb int, c *float32, ldc int, acc bool) {
	panic("compute: kern6x16 needs amd64")
}

func kern6x16AB(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, acc bool) {
	panic("compute: kern6x16 needs amd64")
}
