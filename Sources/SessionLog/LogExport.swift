import ExerciseCatalog
import PlainText
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
/// back_pain_before, back_pain_after, reach_before, reach_after`. Set fields: `set_id, position,
/// exercise_id, exercise_name, side, set_number, target_kind, target_amount, done_amount, pain,
/// spread, adjustment, reason, completed_at, toward_back`. Times are ISO 8601 UTC
/// (`2026-03-01T07:15:00Z`); a missing value is an empty CSV field or JSON `null`; `spread` and
/// `toward_back` are `true`/`false`. The stored resume plan (`plan_json`) is not exported. JSON
/// objects also carry `sets` and `skips` (`position, exercise_id, at, reason`) arrays.
///
/// Text cells of the CSV (names, ids, reasons, statuses) are made safe for spreadsheets, which
/// run a cell that starts like a formula (OWASP "CSV injection"): see ``csvText(_:)``. Numbers,
/// booleans and times are written as they are. JSON escapes every control character.
public enum LogExport {
    /// A field value: text, whole number, boolean, point in time, or missing.
    public enum Value: Equatable, Sendable {
        case text(String?)
        case int(Int?)
        case bool(Bool)
        /// A time, written as ISO 8601 UTC (never escaped: it is not free text).
        case date(Date?)

        /// The CSV text (before quoting): empty when missing; text made spreadsheet-safe.
        public var csvText: String {
            switch self {
            case .text(let s): return s.map(LogExport.csvText) ?? ""
            case .int(let i): return i.map(String.init) ?? ""
            case .bool(let b): return b ? "true" : "false"
            case .date(let d): return d.map(LogDates.iso8601UTC) ?? ""
            }
        }

        /// The JSON literal.
        public var jsonText: String {
            switch self {
            case .text(let s): return s.map(LogExport.jsonString) ?? "null"
            case .int(let i): return i.map(String.init) ?? "null"
            case .bool(let b): return b ? "true" : "false"
            case .date(let d): return d.map { LogExport.jsonString(LogDates.iso8601UTC($0)) } ?? "null"
            }
        }
    }

    /// First characters that make a spreadsheet read a cell as a formula (OWASP: `=`, `+`, `-`,
    /// `@`, tab, carriage return).
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Control characters a text cell keeps: tab, line feed and carriage return are ordinary
    /// text inside a quoted RFC 4180 field (a reason may span lines).
    static let keptControls: Set<Unicode.Scalar> = ["\t", "\n", "\r"]

    /// A text cell as the CSV holds it, before RFC 4180 quoting: every other control character
    /// (ESC, BEL, NUL, DEL, C1...) written out as `\u{1B}` so a terminal showing the file is not
    /// driven by it, then a single quote `'` in front when the cell starts with one of
    /// ``formulaStarts``, so a spreadsheet shows the text instead of running it
    /// (`=cmd|' /C calc'!A0` becomes `'=cmd|' /C calc'!A0`).
    public static func csvText(_ text: String) -> String {
        var text = ControlCharacters.escaped(text, allowing: keptControls)
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
        return text
    }

    /// Session field names, in order.
    public static let sessionFieldNames = [
        "session_id", "routine_id", "routine_name", "started_at", "ended_at", "status",
        "planned_sets", "sets_done", "pain_before", "pain_after", "leg_pain_before", "leg_pain_after",
        "back_pain_before", "back_pain_after", "reach_before", "reach_after",
    ]

    /// Set field names, in order.
    public static let setFieldNames = [
        "set_id", "position", "exercise_id", "exercise_name", "side", "set_number", "target_kind",
        "target_amount", "done_amount", "pain", "spread", "adjustment", "reason", "completed_at", "toward_back",
    ]

    /// Skip field names, in order (the objects of a JSON session's `skips`).
    public static let skipFieldNames = ["position", "exercise_id", "at", "reason"]

    /// The session's field values, in ``sessionFieldNames`` order.
    public static func sessionValues(_ item: SessionWithSets) -> [Value] {
        let s = item.session
        return [
            .int(Int(s.id)), .text(s.routineID), .text(s.routineName), .date(s.startedAt),
            .date(s.endedAt), .text(s.status.rawValue), .int(s.plannedSets),
            .int(item.sets.count), .int(s.painBefore), .int(s.painAfter), .int(s.legPainBefore),
            .int(s.legPainAfter), .int(s.backPainBefore), .int(s.backPainAfter),
            .text(s.reachBefore?.rawValue), .text(s.reachAfter?.rawValue),
        ]
    }

    /// A set's field values, in ``setFieldNames`` order.
    public static func setValues(_ logged: LoggedSet) -> [Value] {
        let set = logged.record
        return [
            .int(logged.id.map(Int.init)), .int(set.planIndex), .text(set.exerciseID), .text(set.exerciseName),
            .text(set.side.rawValue), .int(set.setNumber), .text(set.target.kind.rawValue),
            .int(set.target.amount), .int(set.done.amount), .int(set.pain), .bool(set.spreadDownLeg),
            .text(set.decision.action.rawValue), .text(set.decision.reason), .date(logged.completedAt),
            .bool(set.movedTowardBack),
        ]
    }

    // MARK: CSV

    /// RFC 4180 CSV: a header row, then one row per set with the session fields repeated (a session
    /// without sets gets one row with empty set fields); CRLF line ends; fields with a comma, quote,
    /// CR or LF are quoted and quotes doubled; text cells are spreadsheet-safe (``csvText(_:)``).
    /// Sessions in the order given.
    public static func csv(_ history: [SessionWithSets]) -> String {
        var out = Bytes()
        out.reserve(256 + history.reduce(0) { $0 + 220 * max(1, $1.sets.count) })
        appendCSVRow((sessionFieldNames + setFieldNames).map(Value.text), to: &out)
        let emptySet = Array(repeating: Value.text(nil), count: setFieldNames.count)
        for item in history {
            let session = sessionValues(item)
            if item.sets.isEmpty {
                appendCSVRow(session + emptySet, to: &out)
            }
            for set in item.sets {
                appendCSVRow(session + setValues(set), to: &out)
            }
        }
        return out.string
    }

    /// One CSV text field exactly as written: spreadsheet-safe (``csvText(_:)``), then quoted
    /// when it holds a comma, a double quote, CR or LF.
    public static func csvField(_ text: String) -> String {
        var out = Bytes()
        out.appendCSVText(text)
        return out.string
    }

    static func appendCSVRow(_ fields: [Value], to out: inout Bytes) {
        var first = true
        for field in fields {
            if !first { out.append(0x2C) }
            first = false
            switch field {
            case .text(let s): if let s { out.appendCSVText(s) }
            case .int(let i): if let i { out.appendInt(i) }
            case .bool(let b): out.appendASCII(b ? "true" : "false")
            case .date(let d): if let d { out.appendISO8601UTC(d) }
            }
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    // MARK: JSON

    /// One session as a single-line JSON object: the session fields, then `sets` and `skips`.
    public static func jsonObject(_ item: SessionWithSets) -> String {
        var out = Bytes()
        out.reserve(400 * (item.sets.count + 1))
        appendJSONObject(item, to: &out)
        return out.string
    }

    /// ``jsonObject(_:)`` and a line feed appended to `bytes` as UTF-8 (`history --json` writes
    /// them in large chunks instead of one String per session).
    public static func appendJSONLine(_ item: SessionWithSets, to bytes: inout [UInt8]) {
        var out = Bytes()
        swap(&out.bytes, &bytes)
        appendJSONObject(item, to: &out)
        out.append(0x0A)
        swap(&out.bytes, &bytes)
    }

    /// A JSON array of sessions, one session object per line.
    public static func jsonArray(_ history: [SessionWithSets]) -> String {
        if history.isEmpty { return "[]\n" }
        var out = Bytes()
        out.reserve(history.reduce(0) { $0 + 400 * ($1.sets.count + 1) })
        out.appendASCII("[\n")
        for (i, item) in history.enumerated() {
            if i > 0 { out.appendASCII(",\n") }
            appendJSONObject(item, to: &out)
        }
        out.appendASCII("\n]\n")
        return out.string
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    public static func jsonString(_ text: String) -> String {
        var out = Bytes()
        out.appendJSONString(text)
        return out.string
    }

    static func appendJSONObject(_ item: SessionWithSets, to out: inout Bytes) {
        out.append(0x7B)  // {
        appendPairs(sessionFieldNames, sessionValues(item), to: &out)
        out.appendASCII(",\"sets\":[")
        for (i, set) in item.sets.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(0x7B)
            appendPairs(setFieldNames, setValues(set), to: &out)
            out.append(0x7D)
        }
        out.appendASCII("],\"skips\":[")
        for (i, skip) in item.skips.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(0x7B)
            appendPairs(skipFieldNames,
                        [.int(skip.position), .text(skip.exerciseID), .date(skip.at), .text(skip.reason?.rawValue)], to: &out)
            out.append(0x7D)
        }
        out.appendASCII("]}")
    }

    static func appendPairs(_ names: [String], _ values: [Value], to out: inout Bytes) {
        for (i, (name, value)) in zip(names, values).enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(0x22)
            out.appendASCII(name)
            out.appendASCII("\":")
            switch value {
            case .text(let s): if let s { out.appendJSONString(s) } else { out.appendASCII("null") }
            case .int(let i): if let i { out.appendInt(i) } else { out.appendASCII("null") }
            case .bool(let b): out.appendASCII(b ? "true" : "false")
            case .date(let d):
                if let d { out.append(0x22); out.appendISO8601UTC(d); out.append(0x22) } else { out.appendASCII("null") }
            }
        }
    }

    /// A growable UTF-8 buffer: building exports byte by byte is several times faster than
    /// concatenating Strings.
    struct Bytes {
        var bytes: [UInt8] = []

        mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }
        mutating func append(_ byte: UInt8) { bytes.append(byte) }
        mutating func appendASCII(_ text: String) { bytes.append(contentsOf: text.utf8) }
        mutating func appendBytes(_ more: [UInt8]) { bytes.append(contentsOf: more) }

        /// ``LogDates/iso8601UTC(_:)`` written in place (same text: the second rounded down), without
        /// the String and arrays it builds; an export writes one per set.
        mutating func appendISO8601UTC(_ date: Date) {
            let seconds = Int(date.timeIntervalSince1970.rounded(.down))
            var days = seconds / 86_400
            var rest = seconds % 86_400
            if rest < 0 { rest += 86_400; days -= 1 }
            let (year, month, day) = CivilDate.components(days: days)
            guard (0...9999).contains(year) else { appendASCII(LogDates.iso8601UTC(date)); return }
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var v = value
                while divisor > 0 {
                    bytes.append(0x30 + UInt8(v / divisor))
                    v %= divisor
                    divisor /= 10
                }
            }
            put(year, 4); bytes.append(0x2D)
            put(month, 2); bytes.append(0x2D)
            put(day, 2); bytes.append(0x54)  // T
            put(rest / 3_600, 2); bytes.append(0x3A)
            put(rest / 60 % 60, 2); bytes.append(0x3A)
            put(rest % 60, 2); bytes.append(0x5A)  // Z
        }

        mutating func appendInt(_ value: Int) {
            // Most numbers in the log (pains, positions, set numbers, amounts) are below 100.
            if value >= 0 && value < 100 {
                if value >= 10 { bytes.append(0x30 + UInt8(value / 10)) }
                bytes.append(0x30 + UInt8(value % 10))
                return
            }
            if value < 0 { bytes.append(0x2D) }
            var v = value.magnitude
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = 0x30 + UInt8(v % 10)
                    v /= 10
                    count += 1
                } while v > 0
                for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
            }
        }

        /// A text cell: the common case (no control character, no formula start) goes straight
        /// to quoting; anything else through ``LogExport/csvText(_:)`` first.
        mutating func appendCSVText(_ text: String) {
            let utf8 = text.utf8
            let suspect = utf8.contains { (byte: UInt8) -> Bool in
                // C0 other than tab/LF/CR, DEL, and 0xC2 (the lead byte of every C1 character).
                (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2
            }
            let formula = switch utf8.first {
            case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true  // = + - @ tab CR
            default: false
            }
            appendCSVField(suspect || formula ? LogExport.csvText(text) : text)
        }

        mutating func appendCSVField(_ text: String) {
            let utf8 = text.utf8
            let needsQuotes = utf8.contains { (byte: UInt8) -> Bool in
                byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D  // , " LF CR
            }
            guard needsQuotes else { bytes.append(contentsOf: utf8); return }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }

        static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

        /// A JSON string literal. Besides what JSON requires (quote, backslash, U+0000-U+001F),
        /// DEL and the C1 controls (U+0080-U+009F, UTF-8 `C2 80`-`C2 9F`) are written as `\u007f`,
        /// `\u009b`..., so `limber history --json` in a terminal cannot drive it either.
        mutating func appendJSONString(_ text: String) {
            var text = text
            text.withUTF8 { appendJSONString(utf8: $0) }
        }

        /// ``appendJSONString(_:)`` for valid UTF-8 bytes (the caller checks: see HistoryJSON.swift).
        mutating func appendJSONString(utf8: UnsafeBufferPointer<UInt8>) {
            func appendEscaped(_ value: UInt8) {
                let hex = Self.hexDigits
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(value >> 4)], hex[Int(value & 0xF)]])
            }
            bytes.append(0x22)
            // Most text (ids, names, reasons) needs no escape: copied in one go.
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 }) {
                bytes.append(contentsOf: utf8)
                bytes.append(0x22)
                return
            }
            var afterC2 = false
            for byte in utf8 {
                if afterC2 {
                    afterC2 = false
                    if (0x80...0x9F).contains(byte) { appendEscaped(byte); continue }
                    bytes.append(0xC2)  // U+00A0-U+00BF: passes through
                }
                switch byte {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0..<0x20, 0x7F: appendEscaped(byte)
                case 0xC2: afterC2 = true  // decided by the next byte
                default: bytes.append(byte)  // other UTF-8 passes through unchanged
                }
            }
            if afterC2 { bytes.append(0xC2) }  // not reached for valid UTF-8
            bytes.append(0x22)
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    // MARK: Writing a file

    /// Writes `text` to `file` through a temporary file in the same folder, flushed to disk and then
    /// moved into place, so a reader never sees a half-written file. An existing `file` is never
    /// replaced unless `force` is true (without `force` the final step is an atomic link that fails
    /// when the name exists). The file is created with mode 0600: it holds health data.
    /// - Throws: ``LogError/fileExists(path:)`` or ``LogError/cannotWrite(path:reason:)``.
    public static func write(_ text: String, to file: URL, force: Bool) throws {
        try write(bytes: Array(text.utf8), to: file, force: force)
    }

    /// ``write(_:to:force:)`` for bytes that are not text (the report's PDF).
    public static func write(bytes: [UInt8], to file: URL, force: Bool) throws {
        var bytes = bytes
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
