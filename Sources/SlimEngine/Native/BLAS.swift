import CBLAS

/// The thin typed wrapper over OpenBLAS. This is the only code that hands pointers to CBLAS;
/// callers pass Swift buffers and the wrapper checks that the matrices fit them.
public enum BLAS {
    /// Whether a matrix operand is used as stored or transposed.
    public enum Transpose: Sendable {
        case none, transposed
        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    /// `c = alpha · op(a) · op(b) + beta · c` for row-major matrices: op(a) is m×k, op(b) is
    /// k×n, c is m×n; `lda`, `ldb`, `ldc` are the row strides of the stored matrices.
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafeBufferPointer<Float>, lda: Int,
                            b: UnsafeBufferPointer<Float>, ldb: Int, beta: Float = 0,
                            c: UnsafeMutableBufferPointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        let aRows = transA == .none ? m : k
        let bRows = transB == .none ? k : n
        precondition(k == 0 || a.count >= (aRows - 1) * lda + (transA == .none ? k : m), "gemm: a too small")
        precondition(k == 0 || b.count >= (bRows - 1) * ldb + (transB == .none ? n : k), "gemm: b too small")
        precondition(c.count >= (m - 1) * ldc + n, "gemm: c too small")
        guard k > 0 else {
            for row in 0..<m { for col in 0..<n { c[row * ldc + col] *= beta } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                    a.baseAddress, Int32(lda), b.baseAddress, Int32(ldb), beta, c.baseAddress, Int32(ldc))
    }

    /// Sets the number of threads OpenBLAS uses for one call.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The kernel family OpenBLAS picked at load time (e.g. `Haswell`, `Zen`, `SkylakeX`).
    public static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// OpenBLAS's build description (version, DYNAMIC_ARCH, threading).
    public static var configuration: String {
        openblas_get_config().map { String(cString: $0) } ?? "unknown"
    }
}
