import Foundation

/// Replacing the running process with a fresh copy of itself, so that libraries that read
/// the environment only when they load (OpenBLAS's `OPENBLAS_CORETYPE`) see a new value.
public enum ProcessImage {
    /// Sets `environment` and re-executes this program with the same arguments. Returns only
    /// when the exec fails (the caller then continues with the current image).
    public static func reexecute(setting environment: [String: String]) {
        for (key, value) in environment { setenv(key, value, 1) }
        let arguments = CommandLine.arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        cArguments.append(nil)
        execv("/proc/self/exe", &cArguments)
        for pointer in cArguments { free(pointer) }
    }
}
