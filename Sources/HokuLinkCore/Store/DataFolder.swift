import Foundation

/// Where the data folder lives (SPEC §5).
public enum DataFolder {
  /// `--data-dir`, else `$HOKULINK_HOME`, else `$XDG_DATA_HOME/hokulink`, else `~/.local/share/hokulink`.
  public static func resolve(dataDir: String?, environment: [String: String]) -> URL {
    resolve(dataDir: dataDir, variable: { environment[$0] })
  }

  /// The same, reading the environment one variable at a time (the app passes getenv: nothing builds a
  /// dictionary of the whole environment on the way to the first frame).
  public static func resolve(dataDir: String?, variable environment: (String) -> String?) -> URL {
    if let dataDir, !dataDir.isEmpty { return URL(fileURLWithPath: expandTilde(dataDir, environment)) }
    if let home = environment("HOKULINK_HOME"), !home.isEmpty {
      return URL(fileURLWithPath: expandTilde(home, environment))
    }
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if let xdg = environment("XDG_DATA_HOME"), xdg.hasPrefix("/") {
      return URL(fileURLWithPath: xdg).appendingPathComponent("hokulink")
    }
    return URL(fileURLWithPath: homeDirectory(environment))
      .appendingPathComponent(".local/share/hokulink")
  }

  private static func homeDirectory(_ environment: (String) -> String?) -> String {
    if let home = environment("HOME"), !home.isEmpty { return home }
    return NSHomeDirectory()
  }

  /// The shell expands `~` only at the start of an unquoted word; `--data-dir=~/x` reaches us unexpanded.
  private static func expandTilde(_ path: String, _ environment: (String) -> String?) -> String {
    if path == "~" { return homeDirectory(environment) }
    if path.hasPrefix("~/") { return homeDirectory(environment) + String(path.dropFirst(1)) }
    return path
  }
}
