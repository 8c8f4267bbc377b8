import Foundation
import HokuLinkUI

/// One line of a play script (SPEC §7 "Scripted play").
public enum PlayCommand: Equatable, Sendable {
  case fill(label: String, text: String)
  case check(label: String)
  case uncheck(label: String)
  case choose(label: String, option: String)
  case press(label: String)
  case type(String)
  case key(String)
  case expect(String)
  case expectNot(String)
  case capture(name: String, pattern: String)
  case clockAdvance(String)
  case screenshot(String)
  indirect case ifShown(String, PlayCommand)
}

/// A script line that could not be read, with its number (1-based) for the message.
public struct PlayScriptError: Error, Equatable, CustomStringConvertible {
  public let line: Int
  public let text: String
  public let reason: String
  public var description: String { "line \(line): \(text)\n  \(reason)" }
}

public struct PlayLine: Equatable, Sendable {
  public let number: Int
  public let text: String
  public let command: PlayCommand
}

public enum PlayScript {
  /// Parses a whole script: one command a line, `#` starts a comment, arguments in double quotes (`\"`, `\\`, `\n`
  /// inside).
  public static func parse(_ source: String) throws(PlayScriptError) -> [PlayLine] {
    var lines: [PlayLine] = []
    for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let text = String(raw).trimmingCharacters(in: [" ", "\t", "\r"])
      let words: [String]
      do {
        words = try tokens(text)
      } catch {
        throw PlayScriptError(line: index + 1, text: text, reason: error.reason)
      }
      if words.isEmpty { continue }
      do {
        let command = try command(words)
        lines.append(PlayLine(number: index + 1, text: text, command: command))
      } catch {
        throw PlayScriptError(line: index + 1, text: text, reason: error.reason)
      }
    }
    return lines
  }

  struct Problem: Error {
    let reason: String
  }

  /// Splits a line into words; a quoted word keeps its spaces. Inside quotes `\"`, `\\` and `\n` are escapes
  /// and any other backslash is kept (SPEC §7), so `capture X "(\d+)"` gets `(\d+)`.
  static func tokens(_ line: String) throws(Problem) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quoted = false
    var iterator = line.makeIterator()
    while let character = iterator.next() {
      if quoted {
        if character == "\\" {
          guard let next = iterator.next() else { throw Problem(reason: "a backslash ends the line") }
          switch next {
          case "n": current.append("\n")
          case "\"", "\\": current.append(next)
          default:
            // Any other backslash is kept as written, so a REGEX reaches `capture` unchanged.
            current.append(character)
            current.append(next)
          }
        } else if character == "\"" {
          quoted = false
          words.append(current)
          current = ""
          inWord = false
        } else {
          current.append(character)
        }
        continue
      }
      if character == "#" && !inWord { break }
      if character == " " || character == "\t" {
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
      } else if character == "\"" && !inWord {
        quoted = true
      } else {
        current.append(character)
        inWord = true
      }
    }
    if quoted { throw Problem(reason: "a quote is not closed") }
    if inWord { words.append(current) }
    return words
  }

  static func command(_ words: [String]) throws(Problem) -> PlayCommand {
    let name = words[0]
    let arguments = Array(words.dropFirst())
    func expectCount(_ count: Int, _ usage: String) throws(Problem) {
      guard arguments.count == count else { throw Problem(reason: "usage: \(usage)") }
    }
    switch name {
    case "fill":
      try expectCount(2, "fill \"LABEL\" \"TEXT\"")
      return .fill(label: arguments[0], text: arguments[1])
    case "check":
      try expectCount(1, "check \"LABEL\"")
      return .check(label: arguments[0])
    case "uncheck":
      try expectCount(1, "uncheck \"LABEL\"")
      return .uncheck(label: arguments[0])
    case "choose":
      try expectCount(2, "choose \"LABEL\" \"OPTION\"")
      return .choose(label: arguments[0], option: arguments[1])
    case "press":
      try expectCount(1, "press \"LABEL\"")
      return .press(label: arguments[0])
    case "type":
      try expectCount(1, "type \"TEXT\"")
      return .type(arguments[0])
    case "key":
      try expectCount(1, "key NAME")
      guard Key(scriptName: arguments[0]) != nil else {
        throw Problem(
          reason:
            "unknown key \(arguments[0]); use Tab, Enter, Esc, Up, Down, Left, Right, Space, F1…F12, Ctrl-A…Ctrl-Z")
      }
      return .key(arguments[0])
    case "expect":
      try expectCount(1, "expect \"TEXT\"")
      return .expect(arguments[0])
    case "expect-not":
      try expectCount(1, "expect-not \"TEXT\"")
      return .expectNot(arguments[0])
    case "capture":
      try expectCount(2, "capture NAME \"REGEX\"")
      return .capture(name: arguments[0], pattern: arguments[1])
    case "clock":
      guard arguments.count == 2, arguments[0] == "advance" else { throw Problem(reason: "usage: clock advance 7d") }
      return .clockAdvance(arguments[1])
    case "screenshot":
      try expectCount(1, "screenshot \"FILE\"")
      return .screenshot(arguments[0])
    case "if":
      guard arguments.count >= 2 else { throw Problem(reason: "usage: if \"TEXT\" COMMAND …") }
      return .ifShown(arguments[0], try command(Array(arguments.dropFirst())))
    default:
      throw Problem(reason: "unknown command \(name)")
    }
  }
}
