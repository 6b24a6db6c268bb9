import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cache of parsed catalog files, so that a start (and `limber exercises`) does not parse YAML
/// for files that have not changed: parsing was a third of start-up and most of loading 1,000
/// files (issue 13).
///
/// One cache file per catalog directory, `$XDG_CACHE_HOME/limber/catalog-<hash of the
/// directory's absolute path>.bin` (default `~/.cache/limber/`). It holds, for each file that
/// parsed with no issue at all, the file's stamp (size, modification and change times in
/// nanoseconds, inode, device) and what parsing gave. Every load stats every file again: a file
/// whose stamp differs, a new file and a file that failed to parse are parsed as without a cache
/// (so their issues are exactly the same), and a removed file is dropped. Checks across files
/// (links, circles, routines) always run on the whole catalog.
///
/// The cache is never required: an unreadable, corrupt, truncated, foreign or other-version
/// file is ignored (the directory is parsed as without a cache and the file rewritten), and a
/// cache that cannot be written is not written. Nothing about the cache ever reaches the person.
public struct CatalogCache: Sendable {
    /// The layout of the cache file; bump it when `Contents`, `Entry` or the binary form of a
    /// model type below change.
    static let formatVersion = 1
    /// What a catalog file means: bump it when the parser or the model types change what a file
    /// gives (a new field, a new rule). The build's own executable stamp below catches every
    /// rebuild too; this number is for a rebuild that keeps size and times (a copied binary).
    public static let catalogFormatVersion = 1

    /// The folder the cache files go in (created 0700 when missing).
    public let folder: String
    /// The stamp of the running program, so that a new build never reads an old build's
    /// results (its parser may judge the same file differently). `nil` when unknown.
    let program: Stamp?
    /// Nanoseconds before the writing load began within which a file's times make its entry
    /// untrusted. File times tick coarsely on many systems (a jiffy, or 2 s on FAT), so a file
    /// rewritten at the same size just after it was read can keep its stamp; an entry whose
    /// file changed that close to the load is parsed again (and kept once it is older), the
    /// "racily clean" rule of git's index.
    let settle: Int64

    /// A cache in `folder`; `program` identifies the build (the executable's stamp).
    init(folder: String, program: Stamp?, settle: Int64 = 1_000_000_000) {
        self.folder = folder
        self.program = program
        self.settle = settle
    }

    /// The wall clock in nanoseconds, the clock file times are on.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// A cache in `folder` for the running program.
    public init(folder: String) {
        self.init(folder: folder, program: CatalogLocations.currentExecutablePath().flatMap { Stamp(path: $0) })
    }

    /// `$XDG_CACHE_HOME/limber`, or `~/.cache/limber`; `nil` without either (no cache then). A
    /// relative `XDG_CACHE_HOME` is ignored, as the XDG spec asks.
    public static func folder(environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return CatalogLocations.join(cache, "limber")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return CatalogLocations.join(home, ".cache/limber")
    }

    /// The cache for the running process (its environment), if it has a place.
    public static func current() -> CatalogCache? {
        folder(environment: ProcessInfo.processInfo.environment).map { CatalogCache(folder: $0) }
    }

    // MARK: - Stamps

    /// What identifies one version of a file without reading it. Change time is kept besides
    /// the modification time because tools can set the latter back (`touch -d`, `cp -p`), and
    /// nobody can set the former.
    struct Stamp: Hashable, Sendable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
        var device: UInt64

        /// The stamp of a regular file at `path` (following symlinks, as reading does); `nil`
        /// for anything else or when it cannot be stat'ed.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            self.init(info)
        }

        init(_ info: stat) {
            #if os(Linux)
            let modified = info.st_mtim, changed = info.st_ctim
            #else
            let modified = info.st_mtimespec, changed = info.st_ctimespec
            #endif
            size = Int64(info.st_size)
            self.modified = Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec)
            self.changed = Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec)
            inode = UInt64(info.st_ino)
            device = UInt64(info.st_dev)
        }

        init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
            self.size = size
            self.modified = modified
            self.changed = changed
            self.inode = inode
            self.device = device
        }
    }

    // MARK: - Contents

    /// One file that parsed cleanly: its stamp and what it gave. `sourcePath` is left out (it
    /// depends on the working directory the loader shows paths from); the loader puts it back.
    struct Entry: Hashable, Sendable {
        var stamp: Stamp
        var exercise: Exercise?
        var routine: Routine?
        /// The lines of the fields, as `ParsedExercise.lines` / `ParsedRoutine.lines`.
        var lines: [String: Int]
    }

    /// A whole cache file.
    struct Contents: Sendable {
        var format: Int
        var catalogFormat: Int
        var program: Stamp?
        /// When the load that wrote it began (wall clock, nanoseconds; see `settle`).
        var written: Int64
        /// The directory's absolute path: two directories whose names hash alike must not share.
        var directory: String
        /// By path inside the directory (`bird-dog.yaml`, `routines/five-minute.yaml`).
        var entries: [String: Entry]
    }

    /// The cache file of a directory (given as an absolute path).
    func path(for directory: String) -> String {
        // FNV-1a over the path's bytes (the checksum's hash): stable across runs and builds
        // (Swift's `hashValue` is seeded per process), and short enough for a file name.
        let hex = String(Self.checksum(directory.utf8), radix: 16)
        return CatalogLocations.join(folder, "catalog-" + String(repeating: "0", count: 16 - hex.count) + hex + ".bin")
    }

    /// The entries cached for `directory`, or `nil` when there is no usable cache file (missing,
    /// unreadable, not ours, corrupt, truncated, another version or another build).
    func entries(for directory: String) -> [String: Entry]? {
        guard let data = Self.readOwnFile(path(for: directory)),
              let contents = Self.decode(data),
              contents.format == Self.formatVersion, contents.catalogFormat == Self.catalogFormatVersion,
              contents.program == program, contents.directory == directory
        else { return nil }
        let trusted = contents.written - settle
        return contents.entries.filter { Swift.max($0.value.stamp.changed, $0.value.stamp.modified) < trusted }
    }

    /// Replaces the cache file of `directory` with `entries`: a temporary file (0600) in the
    /// cache folder (0700), renamed over the old one, so a reader sees the old file or the new
    /// one and never half of one. Any failure leaves things as they were, silently.
    /// `started` is when the load began (`now()` before it listed the directory).
    func store(_ entries: [String: Entry], for directory: String, started: Int64) {
        let contents = Contents(
            format: Self.formatVersion, catalogFormat: Self.catalogFormatVersion, program: program,
            written: started, directory: directory, entries: entries)
        store(contents, at: path(for: directory))
    }

    /// Writes `contents` to `target` atomically (see `store(_:for:)`).
    func store(_ contents: Contents, at target: String) {
        guard Self.makeFolder(folder) else { return }
        let data = Self.encode(contents)
        let temporary = target + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        let closed = close(fd) == 0
        if !(written && closed && rename(temporary, target) == 0) { unlink(temporary) }
    }

    /// The bytes of a cache file when it is a regular file of ours that nobody else can write
    /// (a cache is trusted as much as the catalog it stands for), at most 64 MiB.
    static func readOwnFile(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
              info.st_mode & 0o022 == 0, info.st_size <= 64 << 20
        else { return nil }
        let size = Int(info.st_size)
        var data = Data(count: size)
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < size {
                let n = read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        return complete ? data : nil
    }

    /// `folder` and any missing parents, each created 0700 (a cache says what a person's
    /// catalog holds). False when it cannot be made or is not a directory.
    static func makeFolder(_ folder: String) -> Bool {
        var info = stat()
        if stat(folder, &info) == 0 { return info.st_mode & S_IFMT == S_IFDIR }
        let parent = CatalogLocations.parent(of: folder)
        guard parent != folder, makeFolder(parent) else { return false }
        return mkdir(folder, 0o700) == 0 || (errno == EEXIST && stat(folder, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
    }
}

// MARK: - The binary form

/// The cache file is a small binary format of our own, not JSON or a property list: decoding
/// 1,000 exercises took JSONDecoder 100-180 ms and PropertyListDecoder 400 ms here (the whole
/// budget for `limber exercises` is 50 ms), this reads them in a few. Layout: the magic
/// `LIMBERC1`, then varints (zigzag) and length-prefixed UTF-8 strings in the order the code
/// below writes them, then an FNV-1a checksum of everything before it, so a truncated or
/// damaged file is refused whole rather than read as a different catalog.
extension CatalogCache {
    static let magic = Array("LIMBERC1".utf8)

    static func encode(_ contents: Contents) -> Data {
        var w = Writer()
        w.bytes.append(contentsOf: magic)
        w.int(contents.format)
        w.int(contents.catalogFormat)
        w.optional(contents.program) { w, stamp in w.stamp(stamp) }
        w.int(Int(contents.written))
        w.string(contents.directory)
        w.int(contents.entries.count)
        for (subpath, entry) in contents.entries.sorted(by: { $0.key < $1.key }) {
            w.string(subpath)
            w.stamp(entry.stamp)
            if let routine = entry.routine {
                w.int(1)
                w.routine(routine)
            } else if let exercise = entry.exercise {
                w.int(0)
                w.exercise(exercise)
            } else {
                w.int(2)
            }
            w.int(entry.lines.count)
            for (key, line) in entry.lines.sorted(by: { $0.key < $1.key }) {
                w.string(key)
                w.int(line)
            }
        }
        let sum = checksum(w.bytes[...])
        for shift in stride(from: 0, to: 64, by: 8) { w.bytes.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return Data(w.bytes)
    }

    /// The contents of a cache file, or `nil` when it is not one of this layout, whole.
    static func decode(_ data: Data) -> Contents? {
        data.withUnsafeBytes { buffer -> Contents? in
            let bytes = buffer.bindMemory(to: UInt8.self)
            guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
            let body = bytes[..<(bytes.count - 8)]
            var stored: UInt64 = 0
            for (index, byte) in bytes[(bytes.count - 8)...].enumerated() { stored |= UInt64(byte) << UInt64(8 * index) }
            guard checksum(body) == stored else { return nil }
            var r = Reader(bytes: UnsafeBufferPointer(rebasing: body), offset: magic.count)
            do {
                let format = try r.int()
                // Another layout stops here: nothing after the version is read the old way.
                guard format == formatVersion else { return nil }
                let catalogFormat = try r.int()
                let program = try r.optional { try $0.stamp() }
                let written = Int64(try r.int())
                let directory = try r.string()
                let count = try r.count()
                var entries: [String: Entry] = [:]
                entries.reserveCapacity(count)
                for _ in 0..<count {
                    let subpath = try r.string()
                    let stamp = try r.stamp()
                    var entry = Entry(stamp: stamp, lines: [:])
                    switch try r.int() {
                    case 0: entry.exercise = try r.exercise()
                    case 1: entry.routine = try r.routine()
                    case 2: break
                    default: throw Malformed()
                    }
                    let lineCount = try r.count()
                    entry.lines.reserveCapacity(lineCount)
                    for _ in 0..<lineCount {
                        let key = try r.string()
                        entry.lines[key] = try r.int()
                    }
                    entries[subpath] = entry
                }
                guard r.offset == r.bytes.count else { return nil }
                return Contents(format: format, catalogFormat: catalogFormat, program: program, written: written, directory: directory, entries: entries)
            } catch {
                return nil
            }
        }
    }

    /// FNV-1a, 64 bits.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    struct Malformed: Error {}

    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ value: Int) {
            var zigzag = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
            while zigzag >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
                zigzag >>= 7
            }
            bytes.append(UInt8(zigzag))
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                int(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func strings(_ values: [String]) {
            int(values.count)
            for value in values { string(value) }
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            if let value {
                int(1)
                write(&self, value)
            } else {
                int(0)
            }
        }

        mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }
        mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }

        mutating func stamp(_ stamp: Stamp) {
            int(Int(stamp.size))
            int(Int(stamp.modified))
            int(Int(stamp.changed))
            int(Int(Int64(bitPattern: stamp.inode)))
            int(Int(Int64(bitPattern: stamp.device)))
        }

        mutating func exercise(_ e: Exercise) {
            string(e.id)
            string(e.name)
            string(e.kind.rawValue)
            strings(e.area)
            string(e.sides.rawValue)
            int(e.dose.sets)
            string(e.dose.work.kind.rawValue)
            int(e.dose.work.amount)
            int(e.dose.rest)
            optional(e.tempo) { w, t in w.int(t.up); w.int(t.hold); w.int(t.down) }
            optional(e.max) { w, m in w.optionalInt(m.sets); w.optionalInt(m.reps); w.optionalInt(m.seconds) }
            strings(e.steps)
            strings(e.cues)
            strings(e.stopIf)
            optionalString(e.easier)
            optionalString(e.harder)
            strings(e.figure)
            optionalString(e.position?.rawValue)
            optional(e.progression) { w, p in w.optionalInt(p.sets); w.optionalInt(p.reps); w.optionalInt(p.seconds) }
        }

        mutating func routine(_ r: Routine) {
            string(r.id)
            string(r.name)
            string(r.kind.rawValue)
            string(r.summary)
            int(r.items.count)
            for item in r.items {
                string(item.exercise)
                optionalInt(item.override.sets)
                optionalInt(item.override.reps)
                optionalInt(item.override.seconds)
                optionalInt(item.override.rest)
            }
            optionalString(r.stage?.rawValue)
            optionalInt(r.minutes)
            string(r.direction.rawValue)
        }
    }

    /// Reads what `Writer` wrote; every read checks the bounds, and a value that is not one
    /// of its type's (an unknown kind, say) makes the whole file unusable.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset: Int

        mutating func int() throws -> Int {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else { throw Malformed() }
                let byte = bytes[offset]
                offset += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            let value = Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
            return Int(value)
        }

        /// A count of things still to read: never more than the bytes left (each takes one).
        mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= bytes.count - offset else { throw Malformed() }
            return n
        }

        mutating func string() throws -> String {
            let n = try count()
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
            offset += n
            return text
        }

        mutating func strings() throws -> [String] {
            let n = try count()
            var result: [String] = []
            result.reserveCapacity(n)
            for _ in 0..<n { result.append(try string()) }
            return result
        }

        mutating func optional<T>(_ read: (inout Reader) throws -> T) throws -> T? {
            switch try int() {
            case 0: return nil
            case 1: return try read(&self)
            default: throw Malformed()
            }
        }

        mutating func optionalInt() throws -> Int? { try optional { try $0.int() } }
        mutating func optionalString() throws -> String? { try optional { try $0.string() } }

        mutating func value<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
            guard let value = T(rawValue: try string()) else { throw Malformed() }
            return value
        }

        mutating func stamp() throws -> Stamp {
            Stamp(
                size: Int64(try int()), modified: Int64(try int()), changed: Int64(try int()),
                inode: UInt64(bitPattern: Int64(try int())), device: UInt64(bitPattern: Int64(try int())))
        }

        mutating func exercise() throws -> Exercise {
            let id = try string(), name = try string(), kind = try value(ExerciseKind.self)
            let area = try strings(), sides = try value(Sides.self)
            let sets = try int(), workKind = try value(WorkKind.self), amount = try int(), rest = try int()
            let tempo = try optional { r in Tempo(up: try r.int(), hold: try r.int(), down: try r.int()) }
            let max = try optional { r in DoseCeiling(sets: try r.optionalInt(), reps: try r.optionalInt(), seconds: try r.optionalInt()) }
            let steps = try strings(), cues = try strings(), stopIf = try strings()
            let easier = try optionalString(), harder = try optionalString()
            let figure = try strings()
            let position = try optional { r in try r.value(Position.self) }
            let progression = try optional { r in ProgressionStep(sets: try r.optionalInt(), reps: try r.optionalInt(), seconds: try r.optionalInt()) }
            return Exercise(
                id: id, name: name, kind: kind, area: area, sides: sides,
                dose: Dose(sets: sets, work: Work(kind: workKind, amount: amount), rest: rest),
                tempo: tempo, max: max, steps: steps, cues: cues, stopIf: stopIf, easier: easier, harder: harder,
                figure: figure, position: position, progression: progression)
        }

        mutating func routine() throws -> Routine {
            let id = try string(), name = try string(), kind = try value(RoutineKind.self), summary = try string()
            let count = try count()
            var items: [RoutineItem] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                let exercise = try string()
                let override = DoseOverride(sets: try optionalInt(), reps: try optionalInt(), seconds: try optionalInt(), rest: try optionalInt())
                items.append(RoutineItem(exercise: exercise, override: override))
            }
            let stage = try optional { r in try r.value(RoutineStage.self) }
            let minutes = try optionalInt()
            let direction = try value(ReliefDirection.self)
            return Routine(id: id, name: name, kind: kind, summary: summary, items: items, stage: stage, minutes: minutes, direction: direction)
        }
    }
}
