import Foundation

/// Loads and validates catalog directories.
///
/// A directory holds exercises as `<id>.yaml` (or `.yml`, in any subfolder except `routines/`)
/// and routines as `routines/<id>.yaml`. Loading never stops at the first problem: every file is
/// read, every problem becomes a `CatalogIssue`, and the catalog keeps every file that passed.
///
/// Rules beyond a single file:
/// - a later directory's valid file replaces the same id from an earlier directory; a broken
///   file replaces nothing (the earlier version stays, so a typo in a personal override does not
///   take an exercise away mid-week);
/// - two files with the same id in one directory are an error on the later one;
/// - an `easier`/`harder` id with no file anywhere is an error (the exercise is left out);
///   a link to an exercise left out for its own errors is dropped quietly (that file's issues
///   already say what to fix), so every link in a loaded catalog resolves;
/// - links that go round in a circle are an error on the file of the link that closes it;
/// - a routine whose item names a missing exercise, or overrides reps for a timed exercise (or
///   seconds for a rep exercise), is left out.
public struct CatalogLoader: Sendable {
    /// When set, file paths in issues and `sourcePath` are shown relative to this directory
    /// (usually the working directory, so messages read `Exercises/bird-dog.yaml:12: ...`).
    public var displayBase: String? {
        didSet { displayPrefix = Self.prefix(displayBase) }
    }
    /// `displayBase` as the prefix cut from paths, worked out once rather than for every file.
    private var displayPrefix: String?
    /// Parsed files kept between runs (see `CatalogCache`); `nil` parses every file. The
    /// catalog and its issues are the same either way.
    public var cache: CatalogCache?

    public init(displayBase: String? = nil, cache: CatalogCache? = nil) {
        self.displayBase = displayBase
        self.displayPrefix = Self.prefix(displayBase)
        self.cache = cache
    }

    /// Loads the lookup chain, adding the chain's own issues (a missing directory) to the result.
    public func load(_ locations: CatalogLocations) -> Catalog {
        var catalog = load(directories: locations.directories.map(\.path))
        catalog.issues = sorted(locations.issues.map(display) + catalog.issues)
        return catalog
    }

    /// Loads one directory on its own (what `limber catalog check DIR` does).
    public func load(directory: String) -> Catalog {
        load(directories: [directory])
    }

    /// Loads directories in order; a later one overrides an earlier one id by id.
    public func load(directories: [String]) -> Catalog {
        var issues: [CatalogIssue] = []
        var exercises: [String: ParsedExercise] = [:]
        var routines: [String: ParsedRoutine] = [:]
        // Ids that have a file somewhere, valid or not: a link to one of these is not "unknown".
        var exerciseStems = Set<String>()
        let paths = directories.map { CatalogLocations.absolute($0, in: FileManager.default.currentDirectoryPath) }
        for directory in paths {
            let result = loadOne(directory)
            issues += result.issues
            exerciseStems.formUnion(result.exerciseStems)
            for (id, parsed) in result.exercises { exercises[id] = parsed }
            for (id, parsed) in result.routines { routines[id] = parsed }
        }
        issues += crossCheck(exercises: &exercises, routines: &routines, exerciseStems: exerciseStems)
        return Catalog(
            exercises: exercises.values.map(\.exercise), routines: routines.values.map(\.routine),
            issues: sorted(issues), directories: paths.map(display))
    }

    // MARK: - One directory

    private struct DirectoryResult {
        var exercises: [String: ParsedExercise] = [:]
        var routines: [String: ParsedRoutine] = [:]
        var exerciseStems = Set<String>()
        var issues: [CatalogIssue] = []
    }

    private func loadOne(_ directory: String) -> DirectoryResult {
        var result = DirectoryResult()
        guard CatalogLocations.isDirectory(directory) else {
            result.issues.append(CatalogIssue(file: display(directory), message: "is not a directory"))
            return result
        }
        let files: [String]
        do {
            // Sorted so that "the later file" of a duplicate, and the issue order, are stable.
            files = try CatalogLocations.catalogFiles(in: directory).sorted()
        } catch {
            let folder = error.path == directory ? "" : " (\(display(error.path)))"
            result.issues.append(CatalogIssue(file: display(directory), message: "cannot list the directory\(folder): \(error)"))
            return result
        }
        var firstFile: [String: String] = [:]  // "e:<id>" / "r:<id>" -> display path of the first file
        let started = CatalogCache.now()
        let cached = cache?.entries(for: directory)
        var kept: [String: CatalogCache.Entry] = [:]  // what the cache will hold after this load
        var parsedAnew = false
        for subpath in files {
            let full = CatalogLocations.join(directory, subpath)
            let file = display(full)
            let name = String(subpath.split(separator: "/").last ?? "")
            let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            let isRoutine = subpath.hasPrefix("routines/")
            // The id counts as "has a file" even when the file cannot be used, so a routine that
            // names it is told the file has errors rather than that there is no such exercise.
            if !isRoutine { result.exerciseStems.insert(stem) }
            let key = (isRoutine ? "r:" : "e:") + stem
            let duplicateOf = firstFile[key]
            if duplicateOf == nil { firstFile[key] = file }
            var parsed: ParsedFile
            // Stamped before reading: a file that changes while it is read is stamped with its
            // old state, so the next load sees a different stamp and parses it again.
            let stamp = cache == nil ? nil : CatalogCache.Stamp(path: full)
            if let stamp, let entry = cached?[subpath], entry.stamp == stamp, let hit = Self.parsed(entry, file: file, isRoutine: isRoutine) {
                parsed = hit
                kept[subpath] = entry
            } else {
                switch Self.read(full) {
                case .success(let data): parsed = Self.parse(data: data, file: file, stem: stem, isRoutine: isRoutine)
                case .failure(let issue): parsed = ParsedFile(issues: [CatalogIssue(file: file, message: issue.message)])
                }
                // Only a file with no issue at all is kept, so a file with problems is parsed
                // (and reports them) every time, exactly as without a cache.
                if let stamp, parsed.issues.isEmpty, let entry = Self.entry(parsed, stamp: stamp) {
                    kept[subpath] = entry
                    parsedAnew = true
                }
            }
            result.issues += parsed.issues
            let idLine = parsed.routine?.lines["id"] ?? parsed.exercise?.lines["id"]
            if let duplicateOf {
                let noun = isRoutine ? "routine" : "exercise"
                result.issues.append(CatalogIssue(file: file, field: "id", line: idLine, message: "duplicate \(noun) id '\(stem)', also in \(duplicateOf); keep one file"))
            } else if let routine = parsed.routine {
                result.routines[stem] = routine
            } else if let exercise = parsed.exercise {
                result.exercises[stem] = exercise
            }
        }
        // Written when it would hold something else: a file parsed anew, or one gone.
        if let cache, parsedAnew || kept.count != (cached?.count ?? 0) {
            cache.store(kept, for: directory, started: started)
        }
        return result
    }

    /// A cache entry as what parsing its file gives, shown as `file`; `nil` when the entry
    /// does not hold the kind the file's place asks for.
    private static func parsed(_ entry: CatalogCache.Entry, file: String, isRoutine: Bool) -> ParsedFile? {
        if isRoutine {
            guard var routine = entry.routine, entry.exercise == nil else { return nil }
            routine.sourcePath = file
            return ParsedFile(routine: ParsedRoutine(routine: routine, file: file, lines: entry.lines))
        }
        guard var exercise = entry.exercise, entry.routine == nil else { return nil }
        exercise.sourcePath = file
        return ParsedFile(exercise: ParsedExercise(exercise: exercise, file: file, lines: entry.lines))
    }

    /// What the cache keeps of a cleanly parsed file (without its shown path).
    private static func entry(_ parsed: ParsedFile, stamp: CatalogCache.Stamp) -> CatalogCache.Entry? {
        if var routine = parsed.routine?.routine {
            routine.sourcePath = nil
            return CatalogCache.Entry(stamp: stamp, routine: routine, lines: parsed.routine?.lines ?? [:])
        }
        if var exercise = parsed.exercise?.exercise {
            exercise.sourcePath = nil
            return CatalogCache.Entry(stamp: stamp, exercise: exercise, lines: parsed.exercise?.lines ?? [:])
        }
        return nil
    }

    // MARK: - One file

    /// What one file gave: the exercise or routine when it is valid, and its issues.
    struct ParsedFile {
        var exercise: ParsedExercise?
        var routine: ParsedRoutine?
        var issues: [CatalogIssue] = []
    }

    /// Why a file could not be read; becomes the message of an issue on that file.
    struct ReadFailure: Error {
        var message: String
    }

    /// The bytes of a catalog file, read only when it is a regular file of at most
    /// `CatalogLimits.maxFileBytes` (a FIFO or `/dev/zero` behind a `.yaml` name must not hang
    /// or fill memory). The size is checked before reading and again on what was read, in case
    /// the file grew in between.
    static func read(_ path: String) -> Result<Data, ReadFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(ReadFailure(message: "cannot read the file; check its permissions")) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(ReadFailure(message: "is not a regular file; catalog files must be plain .yaml files"))
        }
        if Int(info.st_size) > CatalogLimits.maxFileBytes { return .failure(tooLarge(Int(info.st_size))) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailure(message: "cannot read the file; check its permissions"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: CatalogLimits.maxFileBytes + 1) ?? Data()
            // More than the limit here means the file grew after `stat`: its size is unknown.
            return data.count > CatalogLimits.maxFileBytes ? .failure(tooLarge(nil)) : .success(data)
        } catch {
            return .failure(ReadFailure(message: "cannot read the file; check its permissions"))
        }
    }

    /// The issue for a file over the size limit; `bytes` is its size when known.
    static func tooLarge(_ bytes: Int?) -> ReadFailure {
        let limit = CatalogLimits.maxFileBytes
        let size = bytes.map { "\($0) bytes" } ?? "over \(limit) bytes"
        return ReadFailure(message: "is \(size); a catalog file may be at most \(limit / 1024) KiB (\(limit) bytes); shorten it")
    }

    /// One file's bytes as an exercise (or a routine, for files under `routines/`): the size
    /// limit, a UTF-8 byte order mark (dropped: editors on Windows write one), UTF-8 itself,
    /// then the YAML. `file` is the name used in issues; `stem` the id the file must have.
    static func parse(data: Data, file: String, stem: String, isRoutine: Bool) -> ParsedFile {
        guard data.count <= CatalogLimits.maxFileBytes else {
            return ParsedFile(issues: [CatalogIssue(file: file, message: tooLarge(data.count).message)])
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = data.starts(with: bom) ? data.dropFirst(bom.count) : data[...]
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return ParsedFile(issues: [CatalogIssue(file: file, message: "is not UTF-8 text; save it as UTF-8")])
        }
        if isRoutine {
            let (routine, issues) = RoutineParser.parse(text: text, file: file, stem: stem)
            return ParsedFile(routine: routine, issues: issues)
        }
        let (exercise, issues) = ExerciseParser.parse(text: text, file: file, stem: stem)
        return ParsedFile(exercise: exercise, issues: issues)
    }

    // MARK: - Across files

    private func crossCheck(exercises: inout [String: ParsedExercise], routines: inout [String: ParsedRoutine], exerciseStems: Set<String>) -> [CatalogIssue] {
        var issues: [CatalogIssue] = []
        let loadedIDs = exercises.keys.sorted()
        // Prepared once for every "did you mean" below (a catalog may have hundreds of bad
        // links), and only when there is one: a valid catalog needs none.
        var loadedCandidates = PreparedOnDemand()

        // 1. Links to ids that have no file at all.
        for id in loadedIDs {
            guard let parsed = exercises[id] else { continue }
            var bad = false
            for (field, target) in [("easier", parsed.exercise.easier), ("harder", parsed.exercise.harder)] {
                guard let target, !exerciseStems.contains(target) else { continue }
                issues.append(CatalogIssue(file: parsed.file, field: field, line: parsed.lines[field], message: unknownExercise(target, among: loadedCandidates.candidates(loadedIDs))))
                bad = true
            }
            if bad { exercises[id] = nil }
        }

        // 2. Circles: "x is easier than y" edges must not loop. Each loop found costs the file of
        // the link that closed it, then the search runs again on what is left.
        while let cycle = findCycle(exercises) {
            let (owner, field) = cycle.blame
            guard let parsed = exercises[owner] else { break }
            let loop = cycle.path.joined(separator: " -> ")
            let message = cycle.path.count == 2
                ? "'\(owner)' cannot be its own \(field) variant; remove the link"
                : "easier/harder links go round in a circle (\(loop), easier to harder); remove one link"
            issues.append(CatalogIssue(file: parsed.file, field: field, line: parsed.lines[field], message: message))
            exercises[owner] = nil
        }

        // 3. Links to exercises left out for their own errors are dropped.
        for id in exercises.keys {
            if let target = exercises[id]?.exercise.easier, exercises[target] == nil { exercises[id]?.exercise.easier = nil }
            if let target = exercises[id]?.exercise.harder, exercises[target] == nil { exercises[id]?.exercise.harder = nil }
        }

        // 4. Routines against the exercises that made it.
        var finalCandidates = PreparedOnDemand()
        for id in routines.keys.sorted() {
            guard let parsed = routines[id] else { continue }
            var bad = false
            for (index, item) in parsed.routine.items.enumerated() {
                let path = "items[\(index)]"
                let idField = parsed.lines["\(path).exercise"] != nil ? "\(path).exercise" : path
                guard let exercise = exercises[item.exercise]?.exercise else {
                    let message = exerciseStems.contains(item.exercise)
                        ? "exercise '\(FileReader.shown(item.exercise))' was left out because its file has errors; fix that file"
                        : unknownExercise(item.exercise, among: finalCandidates.candidates(exercises.keys.sorted()))
                    issues.append(CatalogIssue(file: parsed.file, field: idField, line: parsed.lines[idField] ?? parsed.lines[path], message: message))
                    bad = true
                    continue
                }
                switch exercise.dose.work {
                case .reps where item.override.seconds != nil:
                    let field = "\(path).seconds"
                    issues.append(CatalogIssue(file: parsed.file, field: field, line: parsed.lines[field], message: "'\(exercise.id)' counts reps; give reps instead of seconds"))
                    bad = true
                case .seconds where item.override.reps != nil:
                    let field = "\(path).reps"
                    issues.append(CatalogIssue(file: parsed.file, field: field, line: parsed.lines[field], message: "'\(exercise.id)' is a timed hold; give seconds instead of reps"))
                    bad = true
                default:
                    break
                }
            }
            if bad { routines[id] = nil }
        }
        return issues
    }

    private func unknownExercise(_ id: String, among candidates: Suggestions.Candidates) -> String {
        if let guess = candidates.closest(to: id) { return "no exercise '\(FileReader.shown(id))' — did you mean '\(guess)'?" }
        return "no exercise '\(FileReader.shown(id))'; use the id of an exercise file"
    }

    /// A loop in the "easier than" graph: `path` starts and ends at the same id; `blame` is the
    /// exercise and field (`easier`/`harder`) whose link closed it.
    private struct Cycle {
        var path: [String]
        var blame: (String, String)
    }

    private func findCycle(_ exercises: [String: ParsedExercise]) -> Cycle? {
        // Edge x -> y means "x is easier than y"; it comes from x.harder == y or y.easier == x.
        var edges: [String: [(to: String, owner: String, field: String)]] = [:]
        for (id, parsed) in exercises {
            if let harder = parsed.exercise.harder, exercises[harder] != nil {
                edges[id, default: []].append((harder, id, "harder"))
            }
            if let easier = parsed.exercise.easier, exercises[easier] != nil {
                edges[easier, default: []].append((id, id, "easier"))
            }
        }
        for key in edges.keys {
            edges[key]?.sort { ($0.to, $0.owner, $0.field) < ($1.to, $1.owner, $1.field) }
        }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []

        func visit(_ node: String) -> Cycle? {
            marks[node] = .visiting
            stack.append(node)
            for edge in edges[node] ?? [] {
                switch marks[edge.to] {
                case .visiting:
                    let start = stack.lastIndex(of: edge.to) ?? 0
                    return Cycle(path: Array(stack[start...]) + [edge.to], blame: (edge.owner, edge.field))
                case .done:
                    continue
                case nil:
                    if let cycle = visit(edge.to) { return cycle }
                }
            }
            stack.removeLast()
            marks[node] = .done
            return nil
        }

        for id in exercises.keys.sorted() where marks[id] == nil {
            if let cycle = visit(id) { return cycle }
        }
        return nil
    }

    // MARK: - Paths

    private func display(_ path: String) -> String {
        guard let prefix = displayPrefix else { return path }
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `base`, standardized, with a final slash.
    private static func prefix(_ base: String?) -> String? {
        guard let base = base.map({ CatalogLocations.standardized($0) }) else { return nil }
        return base.hasSuffix("/") ? base : base + "/"
    }

    private func display(_ issue: CatalogIssue) -> CatalogIssue {
        var issue = issue
        issue.file = display(CatalogLocations.absolute(issue.file, in: FileManager.default.currentDirectoryPath))
        return issue
    }

    /// Issues by file, then line; the order of discovery breaks ties (the sort is stable).
    private func sorted(_ issues: [CatalogIssue]) -> [CatalogIssue] {
        issues.enumerated().sorted { a, b in
            (a.element.file, a.element.line ?? 0, a.offset) < (b.element.file, b.element.line ?? 0, b.offset)
        }.map(\.element)
    }
}

/// "Did you mean" candidates prepared at the first bad link and kept for the rest of a check.
private struct PreparedOnDemand {
    private var prepared: Suggestions.Candidates?

    /// The candidates of `ids`, which are read only the first time.
    mutating func candidates(_ ids: @autoclosure () -> [String]) -> Suggestions.Candidates {
        if let prepared { return prepared }
        let candidates = Suggestions.Candidates(ids())
        prepared = candidates
        return candidates
    }
}
