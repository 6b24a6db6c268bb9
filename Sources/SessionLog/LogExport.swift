import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CSV and JSON renderings of the log, with the same field names, and a safe file writer.
///
/// Session fields: `session_id, routine_id, routine_name, started_at, ended_at, status,
/// planned_sets, sets_done, pain_before, pain_after, leg_pain_before, leg_pain_after,
/// back_pain_before, back_pain_after`. Set fields: `set_id, position, exercise_id, exercise_name,
/// side, set_number, target_kind, target_amount, done_amount, pain, spread, adjustment, reason,
/// completed_at`. Times are ISO 8601 UTC (`2026-03-01T07:15:00Z`); a missing value is an empty CSV
/// field or JSON `null`; `spread` is `true`/`false`. The stored resume plan (`plan_json`) is not
/// exported. JSON objects also carry `sets` and `skips` (`position, exercise_id, at`) arrays.
public enum LogExport {
    /// A field value: text, whole number, boolean, or missing.
    public enum Value: Equatable, Sendable {
        case text(String?)
        case int(Int?)
        case bool(Bool)

        /// The CSV text (before quoting): empty when missing.
        public var csvText: String {
            switch self {
            case .text(let s): return s ?? ""
            case .int(let i): return i.map(String.init) ?? ""
            case .bool(let b): return b ? "true" : "false"
            }
        }

        /// The JSON literal.
        public var jsonText: String {
            switch self {
            case .text(let s): return s.map(LogExport.jsonString) ?? "null"
            case .int(let i): return i.map(String.init) ?? "null"
            case .bool(let b): return b ? "true" : "false"
            }
        }
    }

    /// Session field names, in order.
    public static let sessionFieldNames = [
        "session_id", "routine_id", "routine_name", "started_at", "ended_at", "status",
        "planned_sets", "sets_done", "pain_before", "pain_after", "leg_pain_before", "leg_pain_after",
        "back_pain_before", "back_pain_after",
    ]

    /// Set field names, in order.
    public static let setFieldNames = [
        "set_id", "position", "exercise_id", "exercise_name", "side", "set_number", "target_kind",
        "target_amount", "done_amount", "pain", "spread", "adjustment", "reason", "completed_at",
    ]

    /// The session's field values, in ``sessionFieldNames`` order.
    public static func sessionValues(_ item: SessionWithSets) -> [Value] {
        let s = item.session
        return [
            .int(Int(s.id)), .text(s.routineID), .text(s.routineName), .text(LogDates.iso8601UTC(s.startedAt)),
            .text(s.endedAt.map(LogDates.iso8601UTC)), .text(s.status.rawValue), .int(s.plannedSets),
            .int(item.sets.count), .int(s.painBefore), .int(s.painAfter), .int(s.legPainBefore),
            .int(s.legPainAfter), .int(s.backPainBefore), .int(s.backPainAfter),
        ]
    }

    /// A set's field values, in ``setFieldNames`` order.
    public static func setValues(_ set: SetRow) -> [Value] {
        [
            .int(set.id.map(Int.init)), .int(set.position), .text(set.exerciseID), .text(set.exerciseName),
            .text(set.side.rawValue), .int(set.setNumber), .text(set.targetKind.rawValue),
            .int(set.targetAmount), .int(set.doneAmount), .int(set.pain), .bool(set.spread),
            .text(set.adjustment.rawValue), .text(set.reason), .text(LogDates.iso8601UTC(set.completedAt)),
        ]
    }

    // MARK: CSV

    /// RFC 4180 CSV: a header row, then one row per set with the session fields repeated (a session
    /// without sets gets one row with empty set fields); CRLF line ends; fields with a comma, quote,
    /// CR or LF are quoted and quotes doubled. Sessions in the order given.
    public static func csv(_ history: [SessionWithSets]) -> String {
        var out = ""
        out.reserveCapacity(256 + history.reduce(0) { $0 + 200 * max(1, $1.sets.count) })
        appendCSVRow(sessionFieldNames + setFieldNames, to: &out)
        let emptySet = Array(repeating: "", count: setFieldNames.count)
        for item in history {
            let session = sessionValues(item).map(\.csvText)
            if item.sets.isEmpty {
                appendCSVRow(session + emptySet, to: &out)
            }
            for set in item.sets {
                appendCSVRow(session + setValues(set).map(\.csvText), to: &out)
            }
        }
        return out
    }

    /// One CSV field, quoted when it holds a comma, a double quote, CR or LF.
    public static func csvField(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { (byte: UInt8) -> Bool in
            byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D  // , " LF CR
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func appendCSVRow(_ fields: [String], to out: inout String) {
        var first = true
        for field in fields {
            if !first { out += "," }
            first = false
            out += csvField(field)
        }
        out += "\r\n"
    }

    // MARK: JSON

    /// One session as a single-line JSON object: the session fields, then `sets` and `skips`.
    public static func jsonObject(_ item: SessionWithSets) -> String {
        var out = "{"
        appendPairs(sessionFieldNames, sessionValues(item), to: &out)
        out += ",\"sets\":["
        for (i, set) in item.sets.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            appendPairs(setFieldNames, setValues(set), to: &out)
            out += "}"
        }
        out += "],\"skips\":["
        for (i, skip) in item.skips.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            appendPairs(["position", "exercise_id", "at"],
                        [.int(skip.position), .text(skip.exerciseID), .text(LogDates.iso8601UTC(skip.at))], to: &out)
            out += "}"
        }
        out += "]}"
        return out
    }

    /// A JSON array of sessions, one session object per line.
    public static func jsonArray(_ history: [SessionWithSets]) -> String {
        if history.isEmpty { return "[]\n" }
        return "[\n" + history.map(jsonObject).joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func appendPairs(_ names: [String], _ values: [Value], to out: inout String) {
        for (i, (name, value)) in zip(names, values).enumerated() {
            if i > 0 { out += "," }
            out += "\"" + name + "\":" + value.jsonText
        }
    }

    // MARK: Writing a file

    /// Writes `text` to `file` through a temporary file in the same folder, flushed to disk and then
    /// moved into place, so a reader never sees a half-written file. An existing `file` is never
    /// replaced unless `force` is true (without `force` the final step is an atomic link that fails
    /// when the name exists). The file is created with mode 0600: it holds health data.
    /// - Throws: ``LogError/fileExists(path:)`` or ``LogError/cannotWrite(path:reason:)``.
    public static func write(_ text: String, to file: URL, force: Bool) throws {
        let path = file.path
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR {
                throw LogError.cannotWrite(path: path, reason: "it is a folder")
            }
            if !force { throw LogError.fileExists(path: path) }
        }
        let folder = file.deletingLastPathComponent().path
        var template = Array((folder + "/.limber-export-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw LogError.cannotWrite(path: path, reason: errnoText(errno)) }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var done = false
        defer {
            if !done { unlink(tempPath) }
        }
        do {
            defer { close(fd) }
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { buffer in
                    posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LogError.cannotWrite(path: path, reason: errnoText(errno))
                }
                offset += n
            }
            bytes.removeAll()
            if fsync(fd) != 0 { throw LogError.cannotWrite(path: path, reason: errnoText(errno)) }
        }
        if force {
            if rename(tempPath, path) != 0 { throw LogError.cannotWrite(path: path, reason: errnoText(errno)) }
        } else {
            if link(tempPath, path) == 0 {
                unlink(tempPath)
            } else if errno == EEXIST {
                throw LogError.fileExists(path: path)
            } else if errno == EPERM || errno == EOPNOTSUPP || errno == ENOTSUP || errno == EMLINK {
                // No hard links on this file system: check, then rename (a small race, no better option).
                if stat(path, &info) == 0 { throw LogError.fileExists(path: path) }
                if rename(tempPath, path) != 0 { throw LogError.cannotWrite(path: path, reason: errnoText(errno)) }
            } else {
                throw LogError.cannotWrite(path: path, reason: errnoText(errno))
            }
        }
        done = true
    }
}

#if canImport(Glibc)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
#elseif canImport(Darwin)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
#endif
