import Foundation
import SessionEngine

/// How sounds are made: tones through aplay/paplay when one is installed (the bell otherwise),
/// the terminal bell only, or none.
public enum SoundSetting: String, Sendable, Hashable, CaseIterable {
    case auto
    case bell
    case off
}

/// The person's choices, from `$XDG_CONFIG_HOME/limber/settings.toml`. Every key has a default;
/// a key absent from the file has its default.
public struct Settings: Sendable, Hashable {
    public var voice = false
    public var sounds = SoundSetting.auto
    public var getReadySeconds = 5
    public var firstGetReadySeconds = 15
    public var autoAdvance = true
    public var defaultRoutine: String?
    /// Days a week the person means to exercise (the review's adherence uses it).
    public var weeklyTarget = 3

    public init() {}

    /// How long an intro stays before the get-ready starts by itself (when `autoAdvance`).
    public static let introSeconds = 10

    /// The engine's lengths from these settings.
    public var sessionOptions: SessionOptions {
        SessionOptions(getReady: .seconds(getReadySeconds), firstGetReady: .seconds(firstGetReadySeconds),
                       introAutoAdvance: autoAdvance ? .seconds(Settings.introSeconds) : nil)
    }
}

/// One key of the settings file: its name, what it means, its default, and how a value is read.
public struct SettingKey: Sendable {
    public let name: String
    public let meaning: String
    /// The default as it would be written in the file.
    public let defaultText: String
    /// "true or false", "a whole number of seconds, 1-120", ...
    public let expected: String
    /// Reads a value as written in the file (TOML: true/false, a number, a quoted string) into
    /// the settings, or nil when it is not a valid value.
    let apply: @Sendable (TOMLValue, inout Settings) -> Bool
    /// The current value, as it would be written in the file (nil: unset, no value).
    let current: @Sendable (Settings) -> TOMLValue?
    /// A value typed on the command line (`limber config set KEY VALUE`), as the file holds it.
    let fromCommandLine: @Sendable (String) -> TOMLValue?

    /// Every key, in the order `limber config` lists them.
    public static let all: [SettingKey] = [
        boolean("voice", "speak each step aloud (needs espeak-ng)", \.voice, default: false),
        SettingKey(
            name: "sounds", meaning: "sound cues: auto (tones if aplay/paplay is installed, else the bell), bell, off",
            defaultText: "\"auto\"", expected: "one of \"auto\", \"bell\", \"off\"",
            apply: { value, settings in
                guard case .string(let text) = value, let mode = SoundSetting(rawValue: text) else { return false }
                settings.sounds = mode
                return true
            },
            current: { .string($0.sounds.rawValue) },
            fromCommandLine: { SoundSetting(rawValue: $0) != nil ? .string($0) : nil }),
        integer("get_ready_seconds", "the get-ready countdown before each set", \.getReadySeconds, default: 5, range: 1...60),
        integer("first_get_ready_seconds", "the first get-ready of a session (time to get onto the floor)",
                \.firstGetReadySeconds, default: 15, range: 1...120),
        boolean("auto_advance", "today's prescription and each intro go on by themselves after \(Settings.introSeconds) s",
                \.autoAdvance, default: true),
        SettingKey(
            name: "default_routine", meaning: "the routine `limber` starts without asking (unset: pick from a list)",
            defaultText: "(unset)", expected: "a routine id in quotes, e.g. \"five-minute\"",
            apply: { value, settings in
                guard case .string(let text) = value, !text.isEmpty,
                      text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
                settings.defaultRoutine = text
                return true
            },
            current: { $0.defaultRoutine.map(TOMLValue.string) },
            fromCommandLine: { text in
                !text.isEmpty && text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) ? .string(text) : nil
            }),
        integer("weekly_target", "days a week you mean to exercise", \.weeklyTarget, default: 3, range: 1...7),
    ]

    public static func named(_ name: String) -> SettingKey? { all.first { $0.name == name } }

    private static func boolean(_ name: String, _ meaning: String, _ path: WritableKeyPath<Settings, Bool> & Sendable,
                                default value: Bool) -> SettingKey {
        SettingKey(
            name: name, meaning: meaning, defaultText: "\(value)", expected: "true or false",
            apply: { value, settings in
                guard case .boolean(let flag) = value else { return false }
                settings[keyPath: path] = flag
                return true
            },
            current: { .boolean($0[keyPath: path]) },
            fromCommandLine: { text in
                switch text.lowercased() {
                case "true", "yes", "on", "1": return .boolean(true)
                case "false", "no", "off", "0": return .boolean(false)
                default: return nil
                }
            })
    }

    private static func integer(_ name: String, _ meaning: String, _ path: WritableKeyPath<Settings, Int> & Sendable,
                                default value: Int, range: ClosedRange<Int>) -> SettingKey {
        SettingKey(
            name: name, meaning: meaning, defaultText: "\(value)",
            expected: "a whole number from \(range.lowerBound) to \(range.upperBound)",
            apply: { value, settings in
                guard case .integer(let number) = value, range.contains(number) else { return false }
                settings[keyPath: path] = number
                return true
            },
            current: { .integer($0[keyPath: path]) },
            fromCommandLine: { text in Int(text).flatMap { range.contains($0) ? .integer($0) : nil } })
    }
}

/// The values a flat settings file holds (a small part of TOML: booleans, integers, basic strings).
public enum TOMLValue: Sendable, Hashable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int)
    case string(String)

    /// As written in the file.
    public var description: String {
        switch self {
        case .boolean(let flag): return "\(flag)"
        case .integer(let number): return "\(number)"
        case .string(let text):
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }
}

/// A problem with the settings file: one line naming the file, the line and the key.
public struct SettingsError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The settings file, read and edited line by line: `set` and `unset` change only the line of
/// their key (or add one at the end), so a person's comments, blank lines and layout stay as
/// they were. TOMLKit was not used: the file is flat `key = value` lines, and editing it without
/// losing comments needs a line reader anyway (a TOML library re-serialises the whole document).
public struct SettingsFile {
    /// `$XDG_CONFIG_HOME/limber/settings.toml` (default `~/.config/limber/settings.toml`).
    public let url: URL

    public init(url: URL) { self.url = url }

    /// Where the file lives for this environment; a relative XDG_CONFIG_HOME is ignored (XDG spec).
    public static func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> SettingsFile {
        var base: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        }
        base = base.appendingPathComponent("limber")
        return SettingsFile(url: base.appendingPathComponent("settings.toml"))
    }

    /// One line of the file, as far as settings are concerned.
    enum Line: Equatable {
        /// A blank line or a comment: kept as it is.
        case other
        /// `key = value`, with the line's trailing comment (kept when the value changes).
        case entry(key: String, value: TOMLValue, comment: String)
    }

    /// The lines of the file (none when it does not exist).
    func readLines() throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw SettingsError("\(url.path): cannot read it as UTF-8 text; fix or remove the file")
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Reads the settings; every unknown key, bad value or line that is not `key = value` is an
    /// error naming the file, the line and the key.
    public func load() throws -> Settings {
        var settings = Settings()
        for (index, text) in try readLines().enumerated() {
            guard case .entry(let key, let value, _) = try parse(text, lineNumber: index + 1) else { continue }
            guard let setting = SettingKey.named(key) else {
                throw SettingsError("\(url.path):\(index + 1): unknown key '\(key)'; known keys: "
                                    + SettingKey.all.map(\.name).joined(separator: ", "))
            }
            guard setting.apply(value, &settings) else {
                throw SettingsError("\(url.path):\(index + 1): \(key) = \(value) is not valid; give \(setting.expected)")
            }
        }
        return settings
    }

    /// The keys the file sets (the rest have their defaults).
    public func keysSet() throws -> Set<String> {
        var keys = Set<String>()
        for (index, text) in try readLines().enumerated() {
            if case .entry(let key, _, _) = try parse(text, lineNumber: index + 1) { keys.insert(key) }
        }
        return keys
    }

    func parse(_ text: String, lineNumber: Int) throws -> Line {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .other }
        func fail(_ reason: String) -> SettingsError { SettingsError("\(url.path):\(lineNumber): \(reason)") }
        if trimmed.hasPrefix("[") { throw fail("tables are not used; write plain `key = value` lines") }
        guard let equals = trimmed.firstIndex(of: "=") else { throw fail("expected `key = value`, got '\(trimmed.prefix(40))'") }
        let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw fail("'\(key.prefix(40))' is not a key name")
        }
        var rest = Substring(trimmed[trimmed.index(after: equals)...]).drop { $0 == " " || $0 == "\t" }
        let value: TOMLValue
        if rest.first == "\"" {
            rest = rest.dropFirst()
            var text = ""
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if character == "\\" {
                    guard let escaped = rest.first else { break }
                    rest = rest.dropFirst()
                    switch escaped {
                    case "\"": text.append("\"")
                    case "\\": text.append("\\")
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    default: throw fail("\(key): unknown escape \\\(escaped) in a string")
                    }
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    text.append(character)
                }
            }
            guard closed else { throw fail("\(key): the string has no closing quote") }
            value = .string(text)
        } else {
            let word = rest.prefix { $0 != " " && $0 != "\t" && $0 != "#" }
            rest = rest.dropFirst(word.count)
            if word == "true" { value = .boolean(true) }
            else if word == "false" { value = .boolean(false) }
            else if let number = Int(word.replacingOccurrences(of: "_", with: "")) { value = .integer(number) }
            else {
                throw fail("\(key) = \(word.prefix(40)) is not a value; write true/false, a number, or text in double quotes")
            }
        }
        let after = rest.trimmingCharacters(in: .whitespaces)
        guard after.isEmpty || after.hasPrefix("#") else { throw fail("\(key): unexpected '\(after.prefix(40))' after the value") }
        return .entry(key: key, value: value, comment: after)
    }

    /// Sets `key` to `value` (as typed on the command line): its line is rewritten in place (its
    /// comment kept), or one is added at the end. The rest of the file is kept byte for byte.
    public func set(_ key: String, to typed: String) throws {
        guard let setting = SettingKey.named(key) else { throw Self.unknownKey(key, in: url) }
        guard let value = setting.fromCommandLine(typed) else {
            throw SettingsError("\(key): '\(typed.prefix(40))' is not valid (\(url.path) is unchanged); give \(setting.expected.replacingOccurrences(of: "\"", with: ""))")
        }
        var lines = try readLines()
        // The whole file must read before it is changed: never write over a file we misread.
        _ = try load()
        var replaced = false
        for (index, text) in lines.enumerated() {
            guard case .entry(let existing, _, let comment) = try parse(text, lineNumber: index + 1), existing == key else { continue }
            let indent = String(text.prefix { $0 == " " || $0 == "\t" })
            lines[index] = indent + "\(key) = \(value)" + (comment.isEmpty ? "" : "  " + comment)
            replaced = true
        }
        if !replaced { lines.append("\(key) = \(value)") }
        try write(lines)
    }

    /// Removes `key`'s line (the default applies again); comments and other lines stay.
    public func unset(_ key: String) throws {
        guard SettingKey.named(key) != nil else { throw Self.unknownKey(key, in: url) }
        let lines = try readLines()
        _ = try load()
        var kept: [String] = []
        for (index, text) in lines.enumerated() {
            if case .entry(let existing, _, _) = try parse(text, lineNumber: index + 1), existing == key { continue }
            kept.append(text)
        }
        if kept.count != lines.count { try write(kept) }
    }

    static func unknownKey(_ key: String, in url: URL) -> SettingsError {
        SettingsError("unknown setting '\(key.prefix(40))' for \(url.path); known keys: " + SettingKey.all.map(\.name).joined(separator: ", "))
    }

    /// Writes the file atomically (a 0600 temporary file beside it, flushed, then renamed), in a
    /// 0700 folder, so a crash leaves either the old file or the new one.
    func write(_ lines: [String]) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SettingsError("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".settings.toml.\(getpid()).tmp")
        let text = lines.joined(separator: "\n") + "\n"
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SettingsError("cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary.path)
                throw SettingsError("cannot write \(url.path): \(reason)")
            }
            written += result
        }
        fchmod(fd, 0o600)
        fsync(fd)
        close(fd)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw SettingsError("cannot write \(url.path): \(reason)")
        }
    }
}

/// `limber config`: show, get, set and unset settings.
public enum ConfigFlow {
    /// Every key with its value, its default and what it means; `*` marks the ones the file sets.
    public static func show(file: SettingsFile = .location()) throws -> String {
        let settings = try file.load()
        let set = try file.keysSet()
        var lines = ["# \(file.url.path)" + (FileManager.default.fileExists(atPath: file.url.path) ? "" : " (not written yet: every value is its default)")]
        let width = SettingKey.all.map(\.name.count).max() ?? 0
        for key in SettingKey.all {
            let value = key.current(settings).map(\.description) ?? "(unset)"
            let name = key.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let mark = set.contains(key.name) ? "*" : " "
            lines.append("\(name) = \(value)\(mark)  # default \(key.defaultText); \(key.meaning)")
        }
        lines.append("(* set in the file; `limber config set KEY VALUE` changes one, `limber config unset KEY` goes back to the default)")
        return lines.joined(separator: "\n")
    }

    /// One key's value as `limber config get` prints it (strings without quotes).
    public static func get(_ key: String, file: SettingsFile = .location()) throws -> String {
        guard let setting = SettingKey.named(key) else { throw SettingsFile.unknownKey(key, in: file.url) }
        switch setting.current(try file.load()) {
        case .string(let text)?: return text
        case let value?: return value.description
        case nil: return ""
        }
    }
}
