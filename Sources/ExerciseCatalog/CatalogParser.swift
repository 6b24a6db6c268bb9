import Foundation
import Yams

/// The limits the catalog format allows (README "Catalog format"). Kept in one place so the
/// validation, its messages and the docs agree.
///
/// The size limits exist so that one careless or hostile file cannot make limber slow or fill
/// the screen: before them, a 5 MB name took `limber exercises` 5.5 s. Each is several times
/// what the shipped catalog uses, so a therapist's own files have room.
///
/// Text fields (names, summary, steps, cues, `stop_if`, areas, ids) hold no control character
/// at all (C0 with tab and line breaks, DEL, C1; see `ControlCharacters`); a figure holds line
/// breaks between its rows and no other control character.
public enum CatalogLimits {
    /// Bytes of one catalog file (64 KiB), checked before the YAML is parsed; a longer file is
    /// refused whole. The largest shipped file is about 1 KiB.
    public static let maxFileBytes = 64 * 1024
    /// Characters of an exercise or routine name; it has to fit a list column and a screen
    /// title (shipped names are at most 30).
    public static let maxNameLength = 60
    /// Characters of a routine summary, the one line on when to use it (shipped: at most 94).
    public static let maxSummaryLength = 200
    /// Characters of one step, cue or `stop_if` line (shipped: at most 105).
    public static let maxLineLength = 200
    /// Items of a routine (shipped: at most 9); 40 is over an hour of exercise.
    public static let maxRoutineItems = 40
    /// Sets per exercise or routine item.
    public static let sets = 1...10
    /// Reps per set.
    public static let reps = 1...30
    /// Seconds of a timed hold.
    public static let seconds = 5...600
    /// Seconds of rest after a set.
    public static let rest = 0...300
    /// Rest when the file does not give one.
    public static let defaultRest = 30
    /// Seconds of one tempo phase (up, hold, down).
    public static let tempoPhase = 0...10
    /// Minutes a routine may promise (`minutes:`).
    public static let routineMinutes = 1...120
    /// Steps of an exercise.
    public static let steps = 1...8
    /// Cues of an exercise.
    public static let maxCues = 3
    /// Figure columns and rows.
    public static let figureColumns = 40
    public static let figureRows = 12
    /// What an id looks like: lowercase words of letters and digits joined by single dashes.
    public static func isValidID(_ id: String) -> Bool {
        guard !id.isEmpty, !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--") else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// An exercise as parsed from one file, with the lines of the fields that are checked later
/// against the rest of the catalog (easier/harder links).
struct ParsedExercise {
    var exercise: Exercise
    var file: String
    var lines: [String: Int]
}

/// A routine as parsed from one file, with the lines of its items and item fields.
struct ParsedRoutine {
    var routine: Routine
    var file: String
    var lines: [String: Int]
}

/// Walks the YAML node tree of one file by hand. Hand-walking (instead of `Decodable`) is what
/// makes the errors precise: every field knows its path and line, unknown keys are caught, and
/// all problems of a file are collected in one pass.
struct FileReader {
    let file: String
    private(set) var issues: [CatalogIssue] = []

    init(file: String) { self.file = file }

    mutating func error(_ field: String?, _ node: Node?, _ message: String) {
        issues.append(CatalogIssue(file: file, field: field, line: node?.mark?.line, message: message))
    }

    mutating func error(_ field: String?, line: Int?, _ message: String) {
        issues.append(CatalogIssue(file: file, field: field, line: line, message: message))
    }

    /// The YAML text as a node tree, or `nil` after recording why it could not be read.
    mutating func compose(_ text: String) -> Node? {
        do {
            // `.basic` resolves no implicit tags: every plain scalar stays text and this reader
            // types values itself (`isNull`, `plainInt`). Yams' default resolver runs a set of
            // regular expressions on every scalar, which was most of the load time on Linux.
            // The encoding is given (Swift strings are UTF-8): Yams' `.default` looks it up in the
            // whole process environment, for every file.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                error(nil, line: nil, "the file is empty; expected a mapping of fields")
                return nil
            }
            return node
        } catch let yaml as YamlError {
            let (line, message) = Self.describe(yaml)
            if let line, let figureLine = Self.blockFigureLine(in: text, before: line) {
                // The usual cause: a drawing whose first row starts further right than a later
                // row. YAML takes the block's indentation from the first row, so the later row
                // ends the block and the rest is a syntax error.
                error("figure", line: line, "\(message); if the drawing's first row is indented more than a later row, write figure: |2 (line \(figureLine))")
            } else {
                error(nil, line: line, message)
            }
            return nil
        } catch {
            self.error(nil, line: nil, "cannot read YAML: \(error)")
            return nil
        }
    }

    /// A one-line message (and line) for a YAML syntax error; Yams' own descriptions span
    /// several lines with a snippet, which does not fit the one-line-per-issue contract.
    static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark.line, "YAML syntax error: \(prefix)\(problem); check indentation and quoting")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = Set(duplicates).sorted().map(shown).joined(separator: ", ")
            return (context.mark.line, "duplicate key \(keys); give each field once")
        case let .reader(problem, offset, value, yaml):
            // The offset counts characters from the start of the text; the line is one more
            // than the line breaks before it.
            let line = offset.map { offset in 1 + yaml.prefix(offset).reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
            if value >= 0, let scalar = Unicode.Scalar(UInt32(value)), ControlCharacters.isControl(scalar) {
                return (line, "contains control character \(ControlCharacters.notation(scalar)), which YAML does not allow; remove it")
            }
            return (line, "cannot read the file: \(problem); save it as UTF-8")
        default:
            return (nil, "YAML error: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }

    /// The line of a `figure: |` block that a syntax error at `errorLine` falls inside (no other
    /// top-level key in between), if any.
    static func blockFigureLine(in text: String, before errorLine: Int) -> Int? {
        var figureLine: Int?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if number > errorLine { break }
            guard let first = line.first, first != " ", first != "#" else { continue }
            let isBlockFigure = line.hasPrefix("figure:") && (line.contains("|") || line.contains(">"))
            figureLine = isBlockFigure ? number : nil
        }
        return figureLine
    }

    // MARK: - Shapes

    /// The pairs of a mapping node, keys as strings; records an error when the node is not a
    /// mapping or keys are not in `allowed` (with a "did you mean" for near misses).
    mutating func mapping(_ node: Node, _ field: String?, allowed: [String], what: String) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let map) = node else {
            error(field, node, "must be \(what), got \(Self.kindName(node))")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (keyNode, value) in map {
            let key = keyNode.scalar?.string ?? "\(keyNode)"
            // Only used for an unknown key, which is file content: quoted the safe way.
            let path = Self.join(field, Self.shown(key))
            guard allowed.contains(key) else {
                if let guess = Suggestions.closest(to: key, in: allowed) {
                    error(path, keyNode, "unknown key — did you mean '\(guess)'?")
                } else {
                    error(path, keyNode, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
                }
                continue
            }
            result[key] = (keyNode, value)
        }
        return result
    }

    /// The value of a required key, or `nil` after recording that it is missing.
    mutating func required(_ map: [String: (key: Node, value: Node)], _ key: String, in parent: String?, parentNode: Node?, hint: String) -> Node? {
        if let entry = map[key] { return entry.value }
        // Line of the enclosing mapping for nested fields; a missing top-level field has no
        // better line than "the file".
        error(Self.join(parent, key), line: parent == nil ? nil : parentNode?.mark?.line, "missing; \(hint)")
        return nil
    }

    /// A non-empty text value without control characters, at most `maxLength` characters
    /// (after trimming) when given.
    mutating func string(_ node: Node, _ field: String, maxLength: Int? = nil) -> String? {
        guard case .scalar(let scalar) = node else {
            error(field, node, "must be text, got \(Self.kindName(node))")
            return nil
        }
        if Self.isNull(node) {
            error(field, node, "is empty; give a value")
            return nil
        }
        let text = Self.trimmed(scalar.string)
        guard !text.isEmpty else {
            error(field, node, "is empty; give a value")
            return nil
        }
        if let control = ControlCharacters.first(in: text) {
            error(field, node, Self.controlMessage(control))
            return nil
        }
        if let maxLength, text.count > maxLength {
            error(field, node, "is \(text.count) characters long; keep it to \(maxLength)")
            return nil
        }
        return text
    }

    /// A whole number in `range`.
    mutating func int(_ node: Node, _ field: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = Self.plainInt(node) else {
            let shown: String
            if case .scalar(let scalar) = node { shown = "'\(Self.shown(scalar.string))'" } else { shown = Self.kindName(node) }
            error(field, node, "must be a whole number \(range.lowerBound)-\(range.upperBound), got \(shown)")
            return nil
        }
        guard range.contains(value) else {
            error(field, node, "must be \(range.lowerBound)-\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// One of the raw values of `T`.
    mutating func enumValue<T: RawRepresentable & CaseIterable>(_ node: Node, _ field: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(node, field) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        if let guess = Suggestions.closest(to: text, in: names) {
            error(field, node, "unknown value '\(Self.shown(text))' — did you mean '\(guess)'? (one of \(names.joined(separator: ", ")))")
        } else {
            error(field, node, "must be one of \(names.joined(separator: ", ")), got '\(Self.shown(text))'")
        }
        return nil
    }

    /// A list of non-empty texts with a count in `count`, each at most `maxLength` characters.
    mutating func stringList(_ node: Node, _ field: String, count: ClosedRange<Int>, noun: String, maxLength: Int? = nil) -> [String]? {
        guard case .sequence(let sequence) = node else {
            error(field, node, "must be a list of \(noun) (- one per line), got \(Self.kindName(node))")
            return nil
        }
        var result: [String] = []
        var ok = true
        for (index, item) in sequence.enumerated() {
            if let text = string(item, "\(field)[\(index)]", maxLength: maxLength) { result.append(text) } else { ok = false }
        }
        guard ok else { return nil }
        guard count.contains(result.count) else {
            if result.count < count.lowerBound {
                error(field, node, count.lowerBound == 1 ? "is empty; give at least one \(noun.dropLast())" : "has \(result.count) \(noun); give at least \(count.lowerBound)")
            } else {
                error(field, node, "has \(result.count) \(noun); give at most \(count.upperBound)")
            }
            return nil
        }
        return result
    }

    /// Longest piece of file content quoted back in a message; the rest is cut off with `…`.
    static let maxQuoted = 40

    /// File content as a message quotes it: at most `maxQuoted` characters, control
    /// characters written as `\u{1B}`, so a bad value cannot flood or drive the terminal.
    static func shown(_ text: String) -> String {
        let cut = text.count > maxQuoted ? String(text.prefix(maxQuoted)) + "…" : text
        return ControlCharacters.escaped(cut)
    }

    /// Why a text value with a control character is refused, and what to do instead.
    static func controlMessage(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r", "\u{85}": return "contains a line break; write it on one line"
        case "\t": return "contains a tab; use spaces"
        default: return "contains control character \(ControlCharacters.notation(scalar)); use plain text (no escape codes)"
        }
    }

    static func join(_ parent: String?, _ key: String) -> String {
        guard let parent else { return key }
        return "\(parent).\(key)"
    }

    /// `text` without leading and trailing whitespace. Pure Swift: Foundation's
    /// `trimmingCharacters` bridges through NSString on Linux and showed up in load profiles.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    /// A YAML null: a plain (unquoted) empty value, `~` or `null`, or an explicit `!!null`.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        if scalar.tag.rawValue == Tag.Name.null.rawValue { return true }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A plain (unquoted) decimal whole number; quoted `"10"` is text, as YAML says.
    static func plainInt(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        let text = scalar.string
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if Self.isNull(node) { return "nothing" }
            return "'\(shown(scalar.string))'"
        }
    }
}

// MARK: - Exercise files

enum ExerciseParser {
    static let keys = ["id", "name", "kind", "area", "sides", "dose", "tempo", "max", "steps", "cues", "stop_if", "easier", "harder", "figure", "position", "progression"]

    /// Parses one exercise file. `stem` is the file name without extension; the id must match it.
    /// Returns the exercise only when the file has no issues.
    static func parse(text: String, file: String, stem: String) -> (ParsedExercise?, [CatalogIssue]) {
        var reader = FileReader(file: file)
        guard let root = reader.compose(text) else { return (nil, reader.issues) }
        guard let map = reader.mapping(root, nil, allowed: keys, what: "a mapping of fields (id, name, kind, ...)") else {
            return (nil, reader.issues)
        }
        var lines: [String: Int] = [:]
        for (key, entry) in map { lines[key] = entry.key.mark?.line }

        var id: String?
        if let node = reader.required(map, "id", in: nil, parentNode: root, hint: "add id: \(stem)") {
            if let text = reader.string(node, "id") {
                if !CatalogLimits.isValidID(text) {
                    reader.error("id", node, "must be lowercase words joined by dashes (like glute-bridge), got '\(FileReader.shown(text))'")
                } else if text != stem {
                    reader.error("id", node, "'\(FileReader.shown(text))' does not match the file name '\(FileReader.shown(stem))'; rename the file or change the id")
                } else {
                    id = text
                }
            }
        }
        let name = reader.required(map, "name", in: nil, parentNode: root, hint: "add the name a person reads, like name: Glute bridge")
            .flatMap { reader.string($0, "name", maxLength: CatalogLimits.maxNameLength) }
        let kind = reader.required(map, "kind", in: nil, parentNode: root, hint: "add kind: one of \(ExerciseKind.allCases.map(\.rawValue).joined(separator: ", "))")
            .flatMap { reader.enumValue($0, "kind", ExerciseKind.self) }
        let area = reader.required(map, "area", in: nil, parentNode: root, hint: "add the body areas, like area: [core, hips]")
            .flatMap { reader.stringList($0, "area", count: 1...Int.max, noun: "areas") }
        let sides = reader.required(map, "sides", in: nil, parentNode: root, hint: "add sides: both, or sides: each (left then right)")
            .flatMap { reader.enumValue($0, "sides", Sides.self) }
        let dose = reader.required(map, "dose", in: nil, parentNode: root, hint: "add a dose, like dose: { sets: 2, reps: 10, rest: 30 }")
            .flatMap { parseDose($0, &reader) }
        var tempo: Tempo?
        if let node = map["tempo"]?.value {
            tempo = parseTempo(node, &reader)
            if tempo != nil, case .seconds = dose?.work {
                reader.error("tempo", map["tempo"]?.key, "is only for rep exercises; remove it, or give dose.reps instead of dose.seconds")
            }
        }
        var ceiling: DoseCeiling?
        if let node = map["max"]?.value {
            ceiling = parseMax(node, dose: dose, &reader)
        }
        let steps = reader.required(map, "steps", in: nil, parentNode: root, hint: "add 1-8 plain steps as a list")
            .flatMap { reader.stringList($0, "steps", count: CatalogLimits.steps, noun: "steps", maxLength: CatalogLimits.maxLineLength) }
        let cues = map["cues"].flatMap {
            reader.stringList($0.value, "cues", count: 0...CatalogLimits.maxCues, noun: "cues", maxLength: CatalogLimits.maxLineLength)
        } ?? []
        let stopIf = map["stop_if"].flatMap {
            reader.stringList($0.value, "stop_if", count: 0...Int.max, noun: "lines", maxLength: CatalogLimits.maxLineLength)
        } ?? []
        var easier: String?, harder: String?
        for key in ["easier", "harder"] {
            guard let node = map[key]?.value, let text = reader.string(node, key) else { continue }
            guard CatalogLimits.isValidID(text) else {
                reader.error(key, node, "must be an exercise id (like glute-bridge), got '\(FileReader.shown(text))'")
                continue
            }
            if key == "easier" { easier = text } else { harder = text }
            lines[key] = node.mark?.line
        }
        let figure = map["figure"].flatMap { parseFigure($0.value, &reader) } ?? []
        let position = map["position"].flatMap { reader.enumValue($0.value, "position", Position.self) }
        let progression = map["progression"].flatMap { parseProgression($0.value, &reader) }

        guard reader.issues.isEmpty, let id, let name, let kind, let area, let sides, let dose, let steps else {
            return (nil, reader.issues)
        }
        let exercise = Exercise(
            id: id, name: name, kind: kind, area: area, sides: sides, dose: dose, tempo: tempo, max: ceiling,
            steps: steps, cues: cues, stopIf: stopIf, easier: easier, harder: harder, figure: figure,
            position: position, sourcePath: file, progression: progression)
        return (ParsedExercise(exercise: exercise, file: file, lines: lines), [])
    }

    static func parseDose(_ node: Node, _ reader: inout FileReader) -> Dose? {
        guard let map = reader.mapping(node, "dose", allowed: ["sets", "reps", "seconds", "rest"], what: "a mapping like { sets: 2, reps: 10 }") else { return nil }
        let sets = reader.required(map, "sets", in: "dose", parentNode: node, hint: "add sets: \(CatalogLimits.sets.lowerBound)-\(CatalogLimits.sets.upperBound)")
            .flatMap { reader.int($0, "dose.sets", CatalogLimits.sets) }
        let rest = map["rest"].map { reader.int($0.value, "dose.rest", CatalogLimits.rest) } ?? CatalogLimits.defaultRest
        var work: Work?
        switch (map["reps"], map["seconds"]) {
        case (nil, nil):
            reader.error("dose", node, "needs reps (1-30) or seconds (5-600); give one")
        case (.some, .some):
            reader.error("dose", node, "gives both reps and seconds; keep one")
        case (let reps?, nil):
            work = reader.int(reps.value, "dose.reps", CatalogLimits.reps).map(Work.reps)
        case (nil, let seconds?):
            work = reader.int(seconds.value, "dose.seconds", CatalogLimits.seconds).map(Work.seconds)
        }
        guard let sets, let rest, let work else { return nil }
        return Dose(sets: sets, work: work, rest: rest)
    }

    static func parseTempo(_ node: Node, _ reader: inout FileReader) -> Tempo? {
        guard let map = reader.mapping(node, "tempo", allowed: ["up", "hold", "down"], what: "a mapping like { up: 2, hold: 3, down: 2 }") else { return nil }
        var phases: [Int] = []
        for key in ["up", "hold", "down"] {
            guard let value = reader.required(map, key, in: "tempo", parentNode: node, hint: "give seconds 0-10 (0 for none)") else { continue }
            if let seconds = reader.int(value, "tempo.\(key)", CatalogLimits.tempoPhase) { phases.append(seconds) }
        }
        guard phases.count == 3 else { return nil }
        guard phases.reduce(0, +) >= 1 else {
            reader.error("tempo", node, "phases add up to 0 s; give at least 1 s, or remove tempo for self-paced reps")
            return nil
        }
        return Tempo(up: phases[0], hold: phases[1], down: phases[2])
    }

    /// `progression: { reps: 2, seconds: 10, sets: 1 }`: this exercise's own step up.
    static func parseProgression(_ node: Node, _ reader: inout FileReader) -> ProgressionStep? {
        guard let map = reader.mapping(node, "progression", allowed: ["sets", "reps", "seconds"], what: "a mapping like { seconds: 120 }") else { return nil }
        if map.isEmpty {
            reader.error("progression", node, "is empty; give sets, reps or seconds, or remove progression")
            return nil
        }
        var step = ProgressionStep()
        step.sets = map["sets"].flatMap { reader.int($0.value, "progression.sets", 0...3) }
        step.reps = map["reps"].flatMap { reader.int($0.value, "progression.reps", 0...10) }
        step.seconds = map["seconds"].flatMap { reader.int($0.value, "progression.seconds", 0...600) }
        return step
    }

    static func parseMax(_ node: Node, dose: Dose?, _ reader: inout FileReader) -> DoseCeiling? {
        guard let map = reader.mapping(node, "max", allowed: ["sets", "reps", "seconds"], what: "a mapping like { reps: 15 }") else { return nil }
        guard !map.isEmpty else {
            reader.error("max", node, "is empty; give sets, reps or seconds, or remove max")
            return nil
        }
        var ceiling = DoseCeiling()
        var ok = true
        if let entry = map["sets"] {
            ceiling.sets = reader.int(entry.value, "max.sets", CatalogLimits.sets)
            if ceiling.sets == nil { ok = false }
        }
        if let entry = map["reps"] {
            if case .seconds = dose?.work {
                reader.error("max.reps", entry.key, "this exercise is timed; use max.seconds")
                ok = false
            } else {
                ceiling.reps = reader.int(entry.value, "max.reps", CatalogLimits.reps)
                if ceiling.reps == nil { ok = false }
            }
        }
        if let entry = map["seconds"] {
            if case .reps = dose?.work {
                reader.error("max.seconds", entry.key, "this exercise counts reps; use max.reps")
                ok = false
            } else {
                ceiling.seconds = reader.int(entry.value, "max.seconds", CatalogLimits.seconds)
                if ceiling.seconds == nil { ok = false }
            }
        }
        // A ceiling below the starting dose would make the first progression a regression.
        if let dose {
            if let sets = ceiling.sets, sets < dose.sets {
                reader.error("max.sets", map["sets"]?.value, "must be at least dose.sets (\(dose.sets)), got \(sets)")
                ok = false
            }
            if let reps = ceiling.reps, case .reps(let start) = dose.work, reps < start {
                reader.error("max.reps", map["reps"]?.value, "must be at least dose.reps (\(start)), got \(reps)")
                ok = false
            }
            if let seconds = ceiling.seconds, case .seconds(let start) = dose.work, seconds < start {
                reader.error("max.seconds", map["seconds"]?.value, "must be at least dose.seconds (\(start)), got \(seconds)")
                ok = false
            }
        }
        return ok ? ceiling : nil
    }

    /// The figure's rows. Tabs are refused because their width depends on the terminal, other
    /// control characters because the terminal would act on them; line breaks separate rows.
    static func parseFigure(_ node: Node, _ reader: inout FileReader) -> [String]? {
        guard case .scalar(let scalar) = node, !FileReader.isNull(node) else {
            reader.error("figure", node, "must be text (use figure: | and indent the drawing), got \(FileReader.kindName(node))")
            return nil
        }
        var rows = scalar.string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = rows.last, last.allSatisfy(\.isWhitespace) { rows.removeLast() }
        rows = rows.map { row in
            var row = row
            while row.last == " " { row.removeLast() }
            return row
        }
        // In a literal block (`figure: |`) row i sits on the line after the indicator plus i.
        let firstRowLine = node.mark.map { scalar.style == .literal || scalar.style == .folded ? $0.line + 1 : $0.line }
        func line(_ row: Int) -> Int? { firstRowLine.map { $0 + row } }
        var ok = true
        if rows.count > CatalogLimits.figureRows {
            reader.error("figure", node, "has \(rows.count) rows; keep it to \(CatalogLimits.figureRows)")
            ok = false
        }
        for (index, row) in rows.enumerated() {
            if row.contains("\t") {
                reader.error("figure", line: line(index), "row \(index + 1) contains a tab; use spaces")
                ok = false
            } else if let control = ControlCharacters.first(in: row) {
                reader.error("figure", line: line(index), "row \(index + 1) contains control character \(ControlCharacters.notation(control)); draw with plain characters")
                ok = false
            } else if row.count > CatalogLimits.figureColumns {
                reader.error("figure", line: line(index), "row \(index + 1) is \(row.count) columns wide; keep it to \(CatalogLimits.figureColumns)")
                ok = false
            }
        }
        return ok ? rows : nil
    }
}

// MARK: - Routine files

enum RoutineParser {
    static let keys = ["id", "name", "kind", "summary", "items", "stage", "minutes", "direction"]
    static let itemKeys = ["exercise", "sets", "reps", "seconds", "rest"]

    static func parse(text: String, file: String, stem: String) -> (ParsedRoutine?, [CatalogIssue]) {
        var reader = FileReader(file: file)
        guard let root = reader.compose(text) else { return (nil, reader.issues) }
        guard let map = reader.mapping(root, nil, allowed: keys, what: "a mapping of fields (id, name, kind, summary, items)") else {
            return (nil, reader.issues)
        }
        var lines: [String: Int] = [:]
        var id: String?
        if let node = reader.required(map, "id", in: nil, parentNode: root, hint: "add id: \(stem)") {
            if let text = reader.string(node, "id") {
                if !CatalogLimits.isValidID(text) {
                    reader.error("id", node, "must be lowercase words joined by dashes (like five-minute), got '\(FileReader.shown(text))'")
                } else if text != stem {
                    reader.error("id", node, "'\(FileReader.shown(text))' does not match the file name '\(FileReader.shown(stem))'; rename the file or change the id")
                } else {
                    id = text
                }
            }
        }
        let name = reader.required(map, "name", in: nil, parentNode: root, hint: "add the name a person reads, like name: Five-minute minimum")
            .flatMap { reader.string($0, "name", maxLength: CatalogLimits.maxNameLength) }
        let kind = reader.required(map, "kind", in: nil, parentNode: root, hint: "add kind: one of \(RoutineKind.allCases.map(\.rawValue).joined(separator: ", "))")
            .flatMap { reader.enumValue($0, "kind", RoutineKind.self) }
        let summary = reader.required(map, "summary", in: nil, parentNode: root, hint: "add one line on when to use this routine")
            .flatMap { reader.string($0, "summary", maxLength: CatalogLimits.maxSummaryLength) }
        let stage = map["stage"].flatMap { reader.enumValue($0.value, "stage", RoutineStage.self) }
        let minutes = map["minutes"].flatMap { reader.int($0.value, "minutes", CatalogLimits.routineMinutes) }
        let direction = map["direction"].flatMap { reader.enumValue($0.value, "direction", ReliefDirection.self) } ?? .neutral
        var items: [RoutineItem]?
        if let node = reader.required(map, "items", in: nil, parentNode: root, hint: "add a list of exercise ids") {
            if case .sequence(let sequence) = node {
                if sequence.isEmpty {
                    reader.error("items", node, "is empty; give at least one exercise id")
                } else if sequence.count > CatalogLimits.maxRoutineItems {
                    // One line, not one per item: the items are not read at all.
                    reader.error("items", node, "has \(sequence.count) exercises; give at most \(CatalogLimits.maxRoutineItems)")
                } else {
                    var parsed: [RoutineItem] = []
                    for (index, itemNode) in sequence.enumerated() {
                        if let item = parseItem(itemNode, index: index, lines: &lines, &reader) { parsed.append(item) }
                    }
                    if parsed.count == sequence.count { items = parsed }
                }
            } else {
                reader.error("items", node, "must be a list of exercise ids (- one per line), got \(FileReader.kindName(node))")
            }
        }
        guard reader.issues.isEmpty, let id, let name, let kind, let summary, let items else { return (nil, reader.issues) }
        let routine = Routine(
            id: id, name: name, kind: kind, summary: summary, items: items, stage: stage, minutes: minutes,
            direction: direction, sourcePath: file)
        return (ParsedRoutine(routine: routine, file: file, lines: lines), [])
    }

    static func parseItem(_ node: Node, index: Int, lines: inout [String: Int], _ reader: inout FileReader) -> RoutineItem? {
        let path = "items[\(index)]"
        lines[path] = node.mark?.line
        if case .scalar = node {
            guard let id = reader.string(node, path) else { return nil }
            guard CatalogLimits.isValidID(id) else {
                reader.error(path, node, "must be an exercise id (like glute-bridge), got '\(FileReader.shown(id))'")
                return nil
            }
            return RoutineItem(exercise: id)
        }
        guard let map = reader.mapping(node, path, allowed: itemKeys, what: "an exercise id or a mapping like { exercise: bird-dog, sets: 1 }") else {
            return nil
        }
        for (key, entry) in map { lines["\(path).\(key)"] = entry.key.mark?.line }
        var exercise: String?
        if let value = reader.required(map, "exercise", in: path, parentNode: node, hint: "add exercise: <id>"), let id = reader.string(value, "\(path).exercise") {
            if CatalogLimits.isValidID(id) {
                exercise = id
            } else {
                reader.error("\(path).exercise", value, "must be an exercise id (like glute-bridge), got '\(FileReader.shown(id))'")
            }
        }
        var override = DoseOverride()
        var ok = true
        func read(_ key: String, _ range: ClosedRange<Int>, _ reader: inout FileReader) -> Int? {
            guard let entry = map[key] else { return nil }
            let value = reader.int(entry.value, "\(path).\(key)", range)
            if value == nil { ok = false }
            return value
        }
        override.sets = read("sets", CatalogLimits.sets, &reader)
        override.reps = read("reps", CatalogLimits.reps, &reader)
        override.seconds = read("seconds", CatalogLimits.seconds, &reader)
        override.rest = read("rest", CatalogLimits.rest, &reader)
        if map["reps"] != nil, map["seconds"] != nil {
            reader.error(path, node, "gives both reps and seconds; keep the one the exercise uses")
            ok = false
        }
        guard ok, let exercise else { return nil }
        return RoutineItem(exercise: exercise, override: override)
    }
}
