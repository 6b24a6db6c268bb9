import Foundation
import Testing
@testable import ExerciseCatalog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed-catalog cache (issue 13): whatever the cache holds, or fails to hold, a load gives
/// the catalog and the issues a load without a cache gives.
@Suite("Catalog cache")
struct CatalogCacheTests {
    /// A cache folder of its own (under a temporary parent, removed with the value).
    final class CacheFolder {
        let parent: String
        var path: String { parent + "/cache/limber" }

        init() {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("limber-cache-\(UUID().uuidString)").path
        }

        deinit { try? FileManager.default.removeItem(atPath: parent) }

        /// Trusts files changed up to the moment of the load: the tests below write a file and
        /// load at once, and want to see the cache used (the real one waits a second, see
        /// `racy`).
        var cache: CatalogCache { CatalogCache(folder: path, program: nil, settle: 0) }
    }

    static func load(_ directory: String, cache: CatalogCache?) -> Catalog {
        CatalogLoader(displayBase: directory, cache: cache).load(directory: directory)
    }

    /// A catalog of `count` exercises in easier/harder chains of three, two routines, one file
    /// with an error and one link to nowhere: every path of the loader in one directory.
    static func generated(_ count: Int) throws -> TempCatalog {
        var files: [String: String] = [:]
        for index in 0..<count {
            let id = String(format: "exercise-%03d", index)
            var extra: [String] = []
            if index % 3 != 0 { extra.append("easier: " + String(format: "exercise-%03d", index - 1)) }
            files["\(id).yaml"] = exerciseYAML(id, set: ["name": "name: Exercise \(index)"], extra: extra)
        }
        files["broken.yaml"] = exerciseYAML("broken", set: ["dose": "dose: { sets: 0, reps: 10 }"])
        files["dangling.yaml"] = exerciseYAML("dangling", extra: ["harder: exercise-99x"])
        files["routines/short.yaml"] = """
            id: short
            name: Short
            kind: strength
            summary: Two exercises.
            items:
              - exercise-000
              - { exercise: exercise-001, sets: 1 }

            """
        files["routines/missing.yaml"] = """
            id: missing
            name: Missing
            kind: strength
            summary: Names a missing exercise.
            items: [exercise-100000]

            """
        return try TempCatalog(files)
    }

    /// Rewrites the cache file of `directory` after `change`.
    static func editCache(_ folder: CacheFolder, for directory: String, _ change: (inout CatalogCache.Contents) -> Void) throws {
        let path = folder.cache.path(for: directory)
        var contents = try #require(CatalogCache.decode(Data(contentsOf: URL(fileURLWithPath: path))))
        change(&contents)
        folder.cache.store(contents, at: path)
    }

    /// Sets the name of every cached exercise to `name` (to see whether an entry was used).
    static func poison(_ folder: CacheFolder, for directory: String, name: String = "From the cache") throws {
        try editCache(folder, for: directory) { contents in
            for key in contents.entries.keys { contents.entries[key]?.exercise?.name = name }
        }
    }

    @Test("the shipped catalog loads the same with a cold cache, a warm cache and no cache")
    func shipped() throws {
        let folder = CacheFolder()
        let directory = ShippedCatalogTests.directory
        let plain = Self.load(directory, cache: nil)
        #expect(plain.issues == [])
        #expect(Self.load(directory, cache: folder.cache) == plain)
        #expect(FileManager.default.fileExists(atPath: folder.cache.path(for: directory)))
        #expect(Self.load(directory, cache: folder.cache) == plain)
    }

    @Test("a generated catalog with errors loads the same, issues and all, cold and warm")
    func generatedCatalog() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(60)
        let plain = Self.load(catalog.path, cache: nil)
        #expect(plain.exercises.count == 60)
        #expect(plain.issues.map(\.description).contains { $0.hasPrefix("broken.yaml:6: dose.sets:") })
        #expect(plain.issues.map(\.description).contains { $0.hasPrefix("dangling.yaml:10: harder: no exercise 'exercise-99x'") })
        #expect(plain.issues.map(\.description).contains { $0.hasPrefix("routines/missing.yaml") })
        for _ in 0..<3 { #expect(Self.load(catalog.path, cache: folder.cache) == plain) }
        // Shown paths come from the loader, not the cache: another base shows other paths.
        let absolute = CatalogLoader(cache: folder.cache).load(directory: catalog.path)
        #expect(absolute == CatalogLoader().load(directory: catalog.path))
        #expect(absolute.exercise("exercise-000")?.sourcePath == catalog.path + "/exercise-000.yaml")
    }

    @Test("a warm cache is used: its entries stand for unchanged files")
    func warmCacheIsUsed() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(6)
        _ = Self.load(catalog.path, cache: folder.cache)
        try Self.poison(folder, for: catalog.path)
        #expect(Self.load(catalog.path, cache: folder.cache).exercise("exercise-001")?.name == "From the cache")
    }

    @Test("a file changed about when the cache was written is parsed again until it is older")
    func racy() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(3)
        // Files written "just now" as far as a cache that waits an hour is concerned.
        let waiting = CatalogCache(folder: folder.path, program: nil, settle: 3_600_000_000_000)
        _ = Self.load(catalog.path, cache: waiting)
        try Self.poison(folder, for: catalog.path)
        #expect(Self.load(catalog.path, cache: waiting).exercise("exercise-001")?.name == "Exercise 1")
        #expect(Self.load(catalog.path, cache: waiting) == Self.load(catalog.path, cache: nil))
    }

    @Test("a file rewritten at the same size, a touched file and a file with its time set back are parsed again")
    func sameSize() throws {
        let folder = CacheFolder()
        let catalog = try TempCatalog(["bird-dog.yaml": exerciseYAML("bird-dog")])
        let file = catalog.path + "/bird-dog.yaml"
        _ = Self.load(catalog.path, cache: folder.cache)

        // Same size, new content and modification time. (The pauses cross a clock tick, for
        // systems whose file times tick coarsely: this test is about the stamp, not `racy`.)
        Thread.sleep(forTimeInterval: 0.03)
        try exerciseYAML("bird-dog", set: ["name": "name: Bird cat"]).write(toFile: file, atomically: false, encoding: .utf8)
        #expect(Self.load(catalog.path, cache: folder.cache) == Self.load(catalog.path, cache: nil))
        #expect(Self.load(catalog.path, cache: folder.cache).exercise("bird-dog")?.name == "Bird cat")

        // Touched only: the cached entry must not stand in (it is parsed again, same result).
        try Self.poison(folder, for: catalog.path)
        let now = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: file)
        #expect(Self.load(catalog.path, cache: folder.cache).exercise("bird-dog")?.name == "Bird cat")

        // Content changed, size and modification time put back as they were (`cp -p`, `touch -d`):
        // the change time still tells.
        _ = Self.load(catalog.path, cache: folder.cache)
        try Self.poison(folder, for: catalog.path)
        Thread.sleep(forTimeInterval: 0.03)
        try exerciseYAML("bird-dog", set: ["name": "name: Bird pig"]).write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: file)
        let loaded = Self.load(catalog.path, cache: folder.cache)
        #expect(loaded.exercise("bird-dog")?.name == "Bird pig")
        #expect(loaded == Self.load(catalog.path, cache: nil))
    }

    @Test("a changed size, a new file, a removed file and a file that breaks are seen at once")
    func changes() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(9)
        _ = Self.load(catalog.path, cache: folder.cache)
        func same(_ note: Comment) {
            #expect(Self.load(catalog.path, cache: folder.cache) == Self.load(catalog.path, cache: nil), note)
        }
        try exerciseYAML("exercise-004", set: ["name": "name: A longer name than before"], extra: ["easier: exercise-003"])
            .write(toFile: catalog.path + "/exercise-004.yaml", atomically: true, encoding: .utf8)
        same("changed size")
        #expect(Self.load(catalog.path, cache: folder.cache).exercise("exercise-004")?.name == "A longer name than before")

        try exerciseYAML("new-one").write(toFile: catalog.path + "/new-one.yaml", atomically: true, encoding: .utf8)
        same("new file")
        #expect(Self.load(catalog.path, cache: folder.cache).exercise("new-one") != nil)

        try FileManager.default.removeItem(atPath: catalog.path + "/exercise-007.yaml")
        same("removed file")
        let afterRemoval = Self.load(catalog.path, cache: folder.cache)
        #expect(afterRemoval.exercise("exercise-007") == nil)
        // exercise-008 named it as easier: now a link to nowhere, as without a cache.
        #expect(afterRemoval.issues.contains { $0.file == "exercise-008.yaml" && $0.field == "easier" })
        let cached = try #require(folder.cache.entries(for: catalog.path))
        #expect(cached["exercise-007.yaml"] == nil)

        try exerciseYAML("exercise-002", set: ["kind": "kind: strenght"]).write(toFile: catalog.path + "/exercise-002.yaml", atomically: true, encoding: .utf8)
        same("broken file")
        same("broken file, again")
        #expect(Self.load(catalog.path, cache: folder.cache).issues.contains { $0.file == "exercise-002.yaml" && $0.field == "kind" })
    }

    @Test("a corrupt, truncated, empty or foreign cache file is ignored and replaced")
    func corrupt() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(9)
        let plain = Self.load(catalog.path, cache: nil)
        _ = Self.load(catalog.path, cache: folder.cache)
        let path = folder.cache.path(for: catalog.path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let damaged: [(String, Data)] = [
            ("garbage", Data("not a cache \u{0}\u{1}".utf8)),
            ("truncated", good.prefix(good.count / 2)),
            ("empty", Data()),
            ("one byte short", good.dropLast()),
            ("one byte changed", { var data = good; data[data.count / 2] ^= 0x01; return data }()),
        ]
        for (what, data) in damaged {
            try data.write(to: URL(fileURLWithPath: path))
            #expect(Self.load(catalog.path, cache: folder.cache) == plain, "\(what)")
            // Rewritten whole: the next load reads it.
            // Every file but the broken one: 9 exercises, the dangling one, 2 routines.
            #expect(folder.cache.entries(for: catalog.path)?.count == 12, "\(what)")
        }
        // Another directory's cache under this name (a hash collision) is not used.
        try Self.poison(folder, for: catalog.path)
        try Self.editCache(folder, for: catalog.path) { $0.directory = "/somewhere/else" }
        #expect(Self.load(catalog.path, cache: folder.cache) == plain)
    }

    @Test("a cache of another layout, catalog format or build is not read")
    func otherVersions() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(6)
        let plain = Self.load(catalog.path, cache: nil)
        let changes: [(String, (inout CatalogCache.Contents) -> Void)] = [
            ("layout", { $0.format += 1 }),
            ("catalog format", { $0.catalogFormat += 1 }),
            ("build", { $0.program = CatalogCache.Stamp(size: 1, modified: 2, changed: 3, inode: 4, device: 5) }),
        ]
        for (what, change) in changes {
            _ = Self.load(catalog.path, cache: folder.cache)
            try Self.poison(folder, for: catalog.path)
            try Self.editCache(folder, for: catalog.path, change)
            #expect(Self.load(catalog.path, cache: folder.cache) == plain, "\(what)")
        }
        // A build's own cache is read by the same build only.
        let built = CatalogCache(folder: folder.path, program: CatalogCache.Stamp(size: 1, modified: 2, changed: 3, inode: 4, device: 5))
        _ = Self.load(catalog.path, cache: built)
        #expect(built.entries(for: catalog.path) != nil)
        #expect(folder.cache.entries(for: catalog.path) == nil)
    }

    @Test("a cache file others may write is not trusted")
    func othersMayWrite() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(3)
        _ = Self.load(catalog.path, cache: folder.cache)
        try Self.poison(folder, for: catalog.path)
        #expect(chmod(folder.cache.path(for: catalog.path), 0o622) == 0)
        #expect(Self.load(catalog.path, cache: folder.cache) == Self.load(catalog.path, cache: nil))
    }

    @Test("a cache folder that cannot be made or written leaves the catalog as without a cache")
    func unwritable() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(6)
        let plain = Self.load(catalog.path, cache: nil)
        // The cache folder's parent is a file: nothing can be made under it (even for root,
        // for whom permissions would not stop a write).
        try FileManager.default.createDirectory(atPath: folder.parent, withIntermediateDirectories: true)
        try Data("a file".utf8).write(to: URL(fileURLWithPath: folder.parent + "/cache"))
        #expect(Self.load(catalog.path, cache: folder.cache) == plain)
        #expect(Self.load(catalog.path, cache: folder.cache) == plain)
        // A cache file path taken by a directory: not readable, not replaceable.
        try FileManager.default.removeItem(atPath: folder.parent + "/cache")
        try FileManager.default.createDirectory(atPath: folder.cache.path(for: catalog.path), withIntermediateDirectories: true)
        #expect(Self.load(catalog.path, cache: folder.cache) == plain)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [])
    }

    @Test("the cache is private: folders 0700, the file 0600, written whole by rename")
    func modes() throws {
        let folder = CacheFolder()
        let catalog = try Self.generated(3)
        _ = Self.load(catalog.path, cache: folder.cache)
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
        }
        #expect(mode(folder.path) == 0o700)
        #expect(mode(folder.parent + "/cache") == 0o700)
        #expect(mode(folder.cache.path(for: catalog.path)) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
    }

    @Test("the cache folder follows XDG_CACHE_HOME, then HOME")
    func folderPlace() {
        #expect(CatalogCache.folder(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"]) == "/x/cache/limber")
        #expect(CatalogCache.folder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.cache/limber")
        #expect(CatalogCache.folder(environment: ["HOME": "/home/a"]) == "/home/a/.cache/limber")
        #expect(CatalogCache.folder(environment: [:]) == nil)
    }
}

/// "Did you mean" with its filters is the same as the plain rule it stands for.
@Suite("Suggestions against the plain rule")
struct SuggestionsReferenceTests {
    /// The documented rule, with a full Levenshtein table for every comparison.
    static func reference(_ query: String, _ ids: [String]) -> String? {
        func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
            var previous = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var current = [i + 1]
                for (j, y) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let q = query.lowercased().unicodeScalars.map(\.value)
        guard !q.isEmpty else { return nil }
        let threshold = max(2, q.count / 3)
        var best: (Int, Int, String)?
        for id in ids {
            let whole = id.lowercased().unicodeScalars.map(\.value)
            let words = whole.split(separator: UInt32(UInt8(ascii: "-")))
            let full = distance(q, whole)
            var score = full
            if words.count > 1 { for word in words { score = min(score, distance(q, Array(word)) + 1) } }
            if whole.starts(with: q) { score = min(score, 1) }
            guard score <= threshold else { continue }
            if best == nil || (score, full, id) < best! { best = (score, full, id) }
        }
        return best?.2
    }

    @Test("random ids and typos: the same answer as the plain rule")
    func randomized() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdeilmnorst-0123é")
        func word(_ range: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: range, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
        }
        for _ in 0..<200 {
            let ids = (0..<Int.random(in: 1...30, using: &generator)).map { _ in word(2...14) }
            let candidates = Suggestions.Candidates(ids)
            for _ in 0..<10 {
                var query = word(1...14)
                if Bool.random(using: &generator), let id = ids.randomElement(using: &generator) {
                    // A near miss: one or two characters changed.
                    var chars = Array(id)
                    for _ in 0..<Int.random(in: 1...2, using: &generator) where !chars.isEmpty {
                        chars[Int.random(in: 0..<chars.count, using: &generator)] = letters.randomElement(using: &generator)!
                    }
                    query = String(chars)
                }
                #expect(candidates.closest(to: query) == Self.reference(query, ids), "query \(query) ids \(ids)")
            }
        }
    }
}
