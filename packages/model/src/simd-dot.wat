;; dot(table, rows, stride, user, out): out[r] = user · table row r, all float32, addresses in
;; bytes. Rows are `stride` floats apart, stride a multiple of 4 (and > 0); user holds stride
;; floats. Four lanes are summed per instruction, then added pairwise: (l0 + l1) + (l2 + l3).
;; soft(at, n, t): the n floats at `at` become exp((x - max) / t), max their largest (NaN if any
;; is NaN), as blend.ts's softScale does in float64; the caller pads them with -Infinity to a
;; multiple of 4. exp is Cephes' expf: x = k ln 2 + r, e^r by a degree-7 polynomial, 2^k into
;; the exponent bits (about 1 ulp of float32); below e^-87.34, the float32 normal range, it is 0.
;; `scripts/build-simd-dot.mjs` compiles this file into simd-dot-wasm.ts.
(module
  (memory (export "memory") 1)
  (func (export "dot")
    (param $t i32) (param $rows i32) (param $stride i32) (param $u i32) (param $out i32)
    (local $end i32) (local $rowEnd i32) (local $q i32) (local $acc v128)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $q (local.get $u))
        (local.set $rowEnd (i32.add (local.get $t) (i32.shl (local.get $stride) (i32.const 2))))
        (loop $col
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (local.get $t)) (v128.load (local.get $q)))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $t) (local.get $rowEnd))))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row))))
  (func (export "soft") (param $at i32) (param $n i32) (param $t f32)
    (local $end i32) (local $q i32) (local $m v128) (local $max f32)
    (local $x v128) (local $k v128) (local $r v128) (local $y v128) (local $low v128)
    (local.set $end
      (i32.add (local.get $at)
        (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 2))))
    (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
    (local.set $q (local.get $at))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $m (f32x4.max (local.get $m) (v128.load (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $each)))
    (local.set $max
      (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
        (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
    (local.set $q (local.get $at))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $x
          (f32x4.div
            (f32x4.sub (v128.load (local.get $q)) (f32x4.splat (local.get $max)))
            (f32x4.splat (local.get $t))))
        (local.set $low (f32x4.lt (local.get $x) (f32x4.splat (f32.const -87.33654))))
        (local.set $x (f32x4.max (local.get $x) (f32x4.splat (f32.const -87.33654))))
        ;; k = floor(x log2 e + 1/2); r = x - k ln 2, in two parts for precision.
        (local.set $k
          (f32x4.floor
            (f32x4.add
              (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504)))
              (f32x4.splat (f32.const 0.5)))))
        (local.set $r
          (f32x4.sub
            (f32x4.sub (local.get $x)
              (f32x4.mul (local.get $k) (f32x4.splat (f32.const 0.693359375))))
            (f32x4.mul (local.get $k) (f32x4.splat (f32.const -2.12194440e-4)))))
        (local.set $y (f32x4.splat (f32.const 1.9875691500e-4)))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
        ;; e^r = y r² + r + 1, times 2^k (k + 127 in the exponent bits), 0 where x was too low.
        (local.set $y
          (f32x4.add
            (f32x4.add (f32x4.mul (local.get $y) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
            (f32x4.splat (f32.const 1))))
        (local.set $y
          (f32x4.mul (local.get $y)
            (i32x4.shl
              (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (i32x4.splat (i32.const 127)))
              (i32.const 23))))
        (v128.store (local.get $q) (v128.andnot (local.get $y) (local.get $low)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $each)))))
