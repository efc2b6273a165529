;; dot(table, rows, stride, user, out): out[r] = user · table row r, all float32, addresses in
;; bytes. Rows are `stride` floats apart, stride a multiple of 4 (and > 0); user holds stride
;; floats. Four lanes are summed per instruction, then added pairwise: (l0 + l1) + (l2 + l3).
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
        (br $row)))))
