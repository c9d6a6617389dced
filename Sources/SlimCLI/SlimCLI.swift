/// Shared argument parsing and terminal output for the executables.
public enum SlimCLI {}
