/// The version every Slim tool reports and records in its logs.
public enum SlimVersion {
    public static let current = "0.1.0"
}
