import Foundation
import Testing
@testable import ExerciseCatalog

/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same run, so
/// a failure here reproduces on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damaged copies of real catalog files, made by a seeded generator. Each mutation is one way a
/// file goes wrong in practice: a bad byte, a cut-off save, pasted terminal output, a line
/// copied twice, a runaway paste.
enum CatalogMutator {
    /// Control bytes a paste can carry, as UTF-8: C0 (with ESC, BEL, NUL, CR, tab), DEL and C1.
    static let controlBytes: [[UInt8]] = [[0x00], [0x07], [0x08], [0x09], [0x0D], [0x1B], [0x1B, 0x5B, 0x32, 0x4A], [0x7F], [0xC2, 0x85], [0xC2, 0x9B]]
    /// Escape sequences YAML itself turns into control characters inside double quotes.
    static let yamlEscapes = [#""\e[31mred\e[0m""#, #""\e]0;title\a""#, #""a\x00b""#, #""\u009B2J""#, #""tab\there""#, #""line\nbreak""#]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            bytes = mutateOnce(bytes, &rng)
        }
        return bytes
    }

    static func mutateOnce(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0..<lines.count, using: &rng)
        func joined(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
        switch Int.random(in: 0..<11, using: &rng) {
        case 0:  // flip one bit
            if !bytes.isEmpty { bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng) }
        case 1:  // any byte value (often invalid UTF-8)
            if !bytes.isEmpty { bytes[position] = UInt8.random(in: 0...255, using: &rng) }
        case 2:  // cut off, as by a full disk or an interrupted save
            bytes = Array(bytes.prefix(position))
        case 3:  // raw control bytes pasted in
            bytes.insert(contentsOf: controlBytes.randomElement(using: &rng)!, at: position)
        case 4:  // a value replaced by a double-quoted string with YAML escapes
            if let colon = lines[line].firstIndex(of: 0x3A) {
                lines[line] = Array(lines[line][...colon]) + Array(" ".utf8) + Array(yamlEscapes.randomElement(using: &rng)!.utf8)
                bytes = joined(lines)
            }
        case 5:  // a line copied twice
            lines.insert(lines[line], at: line)
            bytes = joined(lines)
        case 6:  // a line lost
            lines.remove(at: line)
            bytes = joined(lines)
        case 7:  // a runaway paste: one line repeated many times (often over the size limit)
            let count = [2, 50, 500, 5_000].randomElement(using: &rng)!
            lines.insert(contentsOf: Array(repeating: lines[line], count: count), at: line)
            bytes = joined(lines)
        case 8:  // one character repeated inside a line (a huge name or step)
            let count = [100, 1_000, 70_000].randomElement(using: &rng)!
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "x"), count: count), at: position)
        case 9:  // a byte order mark, at the start or somewhere else
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: Bool.random(using: &rng) ? 0 : position)
        default:  // two lines swapped (breaks indentation and block scalars)
            let other = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(line, other)
            bytes = joined(lines)
        }
        return bytes
    }
}

/// A bounded fuzz run of the loader, part of the normal `swift test` (CI runs it): a fixed number
/// of seeded mutations of the shipped files, no time limit, so every run checks the same files.
@Suite("Fuzz: damaged catalog files")
struct FuzzTests {
    static let iterations = 3_000
    static let seed: UInt64 = 0x11AB_E12C

    /// The shipped `Exercises/` files as (path relative to Exercises/, bytes), sorted.
    static func shippedFiles() throws -> [(path: String, bytes: [UInt8])] {
        let directory = ShippedCatalogTests.directory
        let paths = try FileManager.default.subpathsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
        return try paths.map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)))) }
    }

    /// True when `text` has a C0, DEL or C1 character other than the ones allowed.
    static func hasControl(_ text: String, allowing allowed: Set<Unicode.Scalar> = []) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) && !allowed.contains($0) }
    }

    @Test("the parser never crashes; a damaged file loads clean or gets issues that name it, with no control characters")
    func mutatedShippedFiles() throws {
        let files = try Self.shippedFiles()
        try #require(files.count >= 20, "found only \(files.count) shipped files")
        var rng = SplitMix64(state: Self.seed)
        var loaded = 0
        var refused = 0
        for iteration in 0..<Self.iterations {
            let (path, original) = files[iteration % files.count]
            let mutated = CatalogMutator.mutate(original, &rng)
            let isRoutine = path.hasPrefix("routines/")
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = String(name.dropLast(".yaml".count))
            let result = CatalogLoader.parse(data: Data(mutated), file: path, stem: stem, isRoutine: isRoutine)
            let context = Comment(rawValue: "iteration \(iteration), \(path)")

            if let exercise = result.exercise?.exercise {
                loaded += 1
                #expect(result.issues.isEmpty, context)
                // What loads is what the commands print: no control characters, within the limits.
                let texts = [exercise.name] + exercise.area + exercise.steps + exercise.cues + exercise.stopIf
                #expect(!texts.contains { Self.hasControl($0) }, context)
                #expect(!exercise.figure.contains { Self.hasControl($0) }, context)
                #expect(exercise.name.count <= CatalogLimits.maxNameLength, context)
                #expect(!(exercise.steps + exercise.cues + exercise.stopIf).contains { $0.count > CatalogLimits.maxLineLength }, context)
            } else if let routine = result.routine?.routine {
                loaded += 1
                #expect(result.issues.isEmpty, context)
                #expect(!Self.hasControl(routine.name) && !Self.hasControl(routine.summary), context)
                #expect(routine.items.count <= CatalogLimits.maxRoutineItems, context)
            } else {
                refused += 1
                #expect(!result.issues.isEmpty, "a file that did not load must say why; \(context)")
            }
            for issue in result.issues {
                let line = issue.description
                #expect(issue.file == path && line.hasPrefix(path + ":"), "\(line); \(context)")
                #expect(!Self.hasControl(line), "\(line); \(context)")
                // An echoed value is cut short: no line is a wall of pasted text.
                #expect(line.count < 400, "\(line.prefix(200))…; \(context)")
            }
        }
        // Both outcomes happen, so the run tests the checks and not only the YAML syntax errors.
        #expect(loaded > Self.iterations / 20, "loaded \(loaded) of \(Self.iterations)")
        #expect(refused > Self.iterations / 2, "refused \(refused) of \(Self.iterations)")
    }

    @Test("whole-catalog loads with damaged files: every issue names a file of the catalog, links and routines still resolve")
    func mutatedCatalogDirectories() throws {
        let files = try Self.shippedFiles()
        var rng = SplitMix64(state: Self.seed ^ 0xD1EC)
        for iteration in 0..<25 {
            var contents = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let path = files.randomElement(using: &rng)!.path
                contents[path] = CatalogMutator.mutate(contents[path]!, &rng)
            }
            let dir = try TempCatalog([:])
            for (path, bytes) in contents {
                let full = dir.path + "/" + path
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: full))
            }
            let catalog = dir.load()
            let context = Comment(rawValue: "iteration \(iteration)")
            for issue in catalog.issues {
                #expect(contents[issue.file] != nil, "\(issue); \(context)")
                #expect(!Self.hasControl(issue.description), "\(issue); \(context)")
            }
            // The loader's promise to the rest of limber: what loaded is consistent.
            for exercise in catalog.exercises {
                for link in [exercise.easier, exercise.harder].compactMap({ $0 }) {
                    #expect(catalog.exercise(link) != nil, "\(exercise.id) -> \(link); \(context)")
                }
            }
            for routine in catalog.routines {
                #expect(routine.items.allSatisfy { catalog.exercise($0.exercise) != nil }, "\(routine.id); \(context)")
            }
        }
    }
}
