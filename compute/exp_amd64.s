#include "textflag.h"

// Cephes expf constants (as avx_mathfun.h's exp256_ps), eight lanes each.
DATA expc<>+0(SB)/4, $0xc2b0c0a5
DATA expc<>+4(SB)/4, $0xc2b0c0a5
DATA expc<>+8(SB)/4, $0xc2b0c0a5
DATA expc<>+12(SB)/4, $0xc2b0c0a5
DATA expc<>+16(SB)/4, $0xc2b0c0a5
DATA expc<>+20(SB)/4, $0xc2b0c0a5
DATA expc<>+24(SB)/4, $0xc2b0c0a5
DATA expc<>+28(SB)/4, $0xc2b0c0a5
DATA expc<>+32(SB)/4, $0x3fb8aa3b
DATA expc<>+36(SB)/4, $0x3fb8aa3b
DATA expc<>+40(SB)/4, $0x3fb8aa3b
DATA expc<>+44(SB)/4, $0x3fb8aa3b
DATA expc<>+48(SB)/4, $0x3fb8aa3b
DATA expc<>+52(SB)/4, $0x3fb8aa3b
DATA expc<>+56(SB)/4, $0x3fb8aa3b
DATA expc<>+60(SB)/4, $0x3fb8aa3b
DATA expc<>+64(SB)/4, $0x3f000000
DATA expc<>+68(SB)/4, $0x3f000000
DATA expc<>+72(SB)/4, $0x3f000000
DATA expc<>+76(SB)/4, $0x3f000000
DATA expc<>+80(SB)/4, $0x3f000000
DATA expc<>+84(SB)/4, $0x3f000000
DATA expc<>+88(SB)/4, $0x3f000000
DATA expc<>+92(SB)/4, $0x3f000000
DATA expc<>+96(SB)/4, $0x3f318000
DATA expc<>+100(SB)/4, $0x3f318000
DATA expc<>+104(SB)/4, $0x3f318000
DATA expc<>+108(SB)/4, $0x3f318000
DATA expc<>+112(SB)/4, $0x3f318000
DATA expc<>+116(SB)/4, $0x3f318000
DATA expc<>+120(SB)/4, $0x3f318000
DATA expc<>+124(SB)/4, $0x3f318000
DATA expc<>+128(SB)/4, $0xb95e8083
DATA expc<>+132(SB)/4, $0xb95e8083
DATA expc<>+136(SB)/4, $0xb95e8083
DATA expc<>+140(SB)/4, $0xb95e8083
DATA expc<>+144(SB)/4, $0xb95e8083
DATA expc<>+148(SB)/4, $0xb95e8083
DATA expc<>+152(SB)/4, $0xb95e8083
DATA expc<>+156(SB)/4, $0xb95e8083
DATA expc<>+160(SB)/4, $0x39506967
DATA expc<>+164(SB)/4, $0x39506967
DATA expc<>+168(SB)/4, $0x39506967
DATA expc<>+172(SB)/4, $0x39506967
DATA expc<>+176(SB)/4, $0x39506967
DATA expc<>+180(SB)/4, $0x39506967
DATA expc<>+184(SB)/4, $0x39506967
DATA expc<>+188(SB)/4, $0x39506967
DATA expc<>+192(SB)/4, $0x3ab743ce
DATA expc<>+196(SB)/4, $0x3ab743ce
DATA expc<>+200(SB)/4, $0x3ab743ce
DATA expc<>+204(SB)/4, $0x3ab743ce
DATA expc<>+208(SB)/4, $0x3ab743ce
DATA expc<>+212(SB)/4, $0x3ab743ce
DATA expc<>+216(SB)/4, $0x3ab743ce
DATA expc<>+220(SB)/4, $0x3ab743ce
DATA expc<>+224(SB)/4, $0x3c088908
DATA expc<>+228(SB)/4, $0x3c088908
DATA expc<>+232(SB)/4, $0x3c088908
DATA expc<>+236(SB)/4, $0x3c088908
DATA expc<>+240(SB)/4, $0x3c088908
DATA expc<>+244(SB)/4, $0x3c088908
DATA expc<>+248(SB)/4, $0x3c088908
DATA expc<>+252(SB)/4, $0x3c088908
DATA expc<>+256(SB)/4, $0x3d2aa9c1
DATA expc<>+260(SB)/4, $0x3d2aa9c1
DATA expc<>+264(SB)/4, $0x3d2aa9c1
DATA expc<>+268(SB)/4, $0x3d2aa9c1
DATA expc<>+272(SB)/4, $0x3d2aa9c1
DATA expc<>+276(SB)/4, $0x3d2aa9c1
DATA expc<>+280(SB)/4, $0x3d2aa9c1
DATA expc<>+284(SB)/4, $0x3d2aa9c1
DATA expc<>+288(SB)/4, $0x3e2aaaaa
DATA expc<>+292(SB)/4, $0x3e2aaaaa
DATA expc<>+296(SB)/4, $0x3e2aaaaa
DATA expc<>+300(SB)/4, $0x3e2aaaaa
DATA expc<>+304(SB)/4, $0x3e2aaaaa
DATA expc<>+308(SB)/4, $0x3e2aaaaa
DATA expc<>+312(SB)/4, $0x3e2aaaaa
DATA expc<>+316(SB)/4, $0x3e2aaaaa
DATA expc<>+320(SB)/4, $0x3f000000
DATA expc<>+324(SB)/4, $0x3f000000
DATA expc<>+328(SB)/4, $0x3f000000
DATA expc<>+332(SB)/4, $0x3f000000
DATA expc<>+336(SB)/4, $0x3f000000
DATA expc<>+340(SB)/4, $0x3f000000
DATA expc<>+344(SB)/4, $0x3f000000
DATA expc<>+348(SB)/4, $0x3f000000
DATA expc<>+352(SB)/4, $0x3f800000
DATA expc<>+356(SB)/4, $0x3f800000
DATA expc<>+360(SB)/4, $0x3f800000
DATA expc<>+364(SB)/4, $0x3f800000
DATA expc<>+368(SB)/4, $0x3f800000
DATA expc<>+372(SB)/4, $0x3f800000
DATA expc<>+376(SB)/4, $0x3f800000
DATA expc<>+380(SB)/4, $0x3f800000
DATA expc<>+384(SB)/4, $0x0000007f
DATA expc<>+388(SB)/4, $0x0000007f
DATA expc<>+392(SB)/4, $0x0000007f
DATA expc<>+396(SB)/4, $0x0000007f
DATA expc<>+400(SB)/4, $0x0000007f
DATA expc<>+404(SB)/4, $0x0000007f
DATA expc<>+408(SB)/4, $0x0000007f
DATA expc<>+412(SB)/4, $0x0000007f
GLOBL expc<>(SB), RODATA|NOPTR, $416

// func expSub8(x []float32, mx float32) (sum float32)
//
// x[i] = exp(x[i] − mx) for i < len(x)&^7 (Cephes expf: range reduction
// by ln 2 in two steps, degree-5 polynomial, fused multiply-adds), and the
// sum of the results. Arguments below −88.38 give 0.
TEXT ·expSub8(SB), NOSPLIT, $0-36
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	SHRQ         $3, CX
	VBROADCASTSS mx+24(FP), Y15
	VXORPS       Y14, Y14, Y14
	TESTQ        CX, CX
	JEQ          done

loop:
	VMOVUPS      (SI), Y0
	VSUBPS       Y15, Y0, Y0
	VMAXPS       expc<>+0(SB), Y0, Y0
	VMOVUPS      expc<>+32(SB), Y1
	VFMADD213PS  expc<>+64(SB), Y0, Y1
	VROUNDPS     $1, Y1, Y1
	VFNMADD231PS expc<>+96(SB), Y1, Y0
	VFNMADD231PS expc<>+128(SB), Y1, Y0
	VMULPS       Y0, Y0, Y2
	VMOVUPS      expc<>+160(SB), Y3
	VFMADD213PS  expc<>+192(SB), Y0, Y3
	VFMADD213PS  expc<>+224(SB), Y0, Y3
	VFMADD213PS  expc<>+256(SB), Y0, Y3
	VFMADD213PS  expc<>+288(SB), Y0, Y3
	VFMADD213PS  expc<>+320(SB), Y0, Y3
	VFMADD213PS  Y0, Y2, Y3
	VADDPS       expc<>+352(SB), Y3, Y3
	VCVTTPS2DQ   Y1, Y4
	VPADDD       expc<>+384(SB), Y4, Y4
	VPSLLD       $23, Y4, Y4
	VMULPS       Y4, Y3, Y3
	VMOVUPS      Y3, (SI)
	VADDPS       Y3, Y14, Y14
	ADDQ         $32, SI
	DECQ         CX
	JNE          loop

done:
	VEXTRACTF128 $1, Y14, X0
	VADDPS       X0, X14, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	VZEROUPPER
	MOVSS        X0, sum+32(FP)
	RET

// GELU constants, eight lanes each: the upper clamp of exp's argument
// (89: from 88.72 on, the exp below is +Inf and GELU's result −0),
// 0.044715, −2·√(2/π).
DATA geluc<>+0(SB)/4, $0x42b20000
DATA geluc<>+4(SB)/4, $0x42b20000
DATA geluc<>+8(SB)/4, $0x42b20000
DATA geluc<>+12(SB)/4, $0x42b20000
DATA geluc<>+16(SB)/4, $0x42b20000
DATA geluc<>+20(SB)/4, $0x42b20000
DATA geluc<>+24(SB)/4, $0x42b20000
DATA geluc<>+28(SB)/4, $0x42b20000
DATA geluc<>+32(SB)/4, $0x3d372713
DATA geluc<>+36(SB)/4, $0x3d372713
DATA geluc<>+40(SB)/4, $0x3d372713
DATA geluc<>+44(SB)/4, $0x3d372713
DATA geluc<>+48(SB)/4, $0x3d372713
DATA geluc<>+52(SB)/4, $0x3d372713
DATA geluc<>+56(SB)/4, $0x3d372713
DATA geluc<>+60(SB)/4, $0x3d372713
DATA geluc<>+64(SB)/4, $0xbfcc422a
DATA geluc<>+68(SB)/4, $0xbfcc422a
DATA geluc<>+72(SB)/4, $0xbfcc422a
DATA geluc<>+76(SB)/4, $0xbfcc422a
DATA geluc<>+80(SB)/4, $0xbfcc422a
DATA geluc<>+84(SB)/4, $0xbfcc422a
DATA geluc<>+88(SB)/4, $0xbfcc422a
DATA geluc<>+92(SB)/4, $0xbfcc422a
GLOBL geluc<>(SB), RODATA|NOPTR, $96

// func biasGELU8(x, bias []float32)
//
// x[i] = gelu(x[i] + bias[i]) for i < len(x)&^7 (no addition if bias is
// empty; otherwise len(bias) ≥ len(x)&^7), GELU's tanh form
// 0.5·u·(1 + tanh(√(2/π)·(u + 0.044715·u³))) computed as
// u / (1 + exp(−2·√(2/π)·(u + 0.044715·u³))) with the Cephes expf of
// expSub8, its argument clamped to [−88.38, 89].
TEXT ·biasGELU8(SB), NOSPLIT, $0-48
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ bias_base+24(FP), DI
	MOVQ bias_len+32(FP), R8
	SHRQ $3, CX
	JEQ  gdone

gloop:
	VMOVUPS      (SI), Y5
	TESTQ        R8, R8
	JEQ          gnobias
	VADDPS       (DI), Y5, Y5
	ADDQ         $32, DI

gnobias:
	VMULPS       Y5, Y5, Y0
	VMULPS       geluc<>+32(SB), Y0, Y0
	VFMADD213PS  Y5, Y5, Y0
	VMULPS       geluc<>+64(SB), Y0, Y0
	VMINPS       geluc<>+0(SB), Y0, Y0
	VMAXPS       expc<>+0(SB), Y0, Y0
	VMOVUPS      expc<>+32(SB), Y1
	VFMADD213PS  expc<>+64(SB), Y0, Y1
	VROUNDPS     $1, Y1, Y1
	VFNMADD231PS expc<>+96(SB), Y1, Y0
	VFNMADD231PS expc<>+128(SB), Y1, Y0
	VMULPS       Y0, Y0, Y2
	VMOVUPS      expc<>+160(SB), Y3
	VFMADD213PS  expc<>+192(SB), Y0, Y3
	VFMADD213PS  expc<>+224(SB), Y0, Y3
	VFMADD213PS  expc<>+256(SB), Y0, Y3
	VFMADD213PS  expc<>+288(SB), Y0, Y3
	VFMADD213PS  expc<>+320(SB), Y0, Y3
	VFMADD213PS  Y0, Y2, Y3
	VADDPS       expc<>+352(SB), Y3, Y3
	VCVTTPS2DQ   Y1, Y4
	VPADDD       expc<>+384(SB), Y4, Y4
	VPSLLD       $23, Y4, Y4
	VMULPS       Y4, Y3, Y3
	VADDPS       expc<>+352(SB), Y3, Y3
	VDIVPS       Y3, Y5, Y5
	VMOVUPS      Y5, (SI)
	ADDQ         $32, SI
	DECQ         CX
	JNE          gloop

gdone:
	VZEROUPPER
	RET
