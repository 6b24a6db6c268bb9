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
/// directory's absolute path>.json` (default `~/.cache/limber/`). It holds, for each file that
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
    /// The layout of the cache file; bump it when `Contents` or `Entry` change shape.
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

    /// A cache in `folder`; `program` identifies the build (the executable's stamp).
    init(folder: String, program: Stamp?) {
        self.folder = folder
        self.program = program
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
    struct Stamp: Codable, Hashable, Sendable {
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
    struct Entry: Codable, Hashable, Sendable {
        var stamp: Stamp
        var exercise: Exercise?
        var routine: Routine?
        /// The lines of the fields, as `ParsedExercise.lines` / `ParsedRoutine.lines`.
        var lines: [String: Int]
    }

    /// A whole cache file.
    struct Contents: Codable, Sendable {
        var format: Int
        var catalogFormat: Int
        var program: Stamp?
        /// The directory's absolute path: two directories whose names hash alike must not share.
        var directory: String
        /// By path inside the directory (`bird-dog.yaml`, `routines/five-minute.yaml`).
        var entries: [String: Entry]
    }

    /// The cache file of a directory (given as an absolute path).
    func path(for directory: String) -> String {
        // FNV-1a over the path's bytes: stable across runs and builds (Swift's `hashValue` is
        // seeded per process), and short enough for a file name.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in directory.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return CatalogLocations.join(folder, "catalog-" + String(repeating: "0", count: 16 - hex.count) + hex + ".json")
    }

    /// The entries cached for `directory`, or `nil` when there is no usable cache file (missing,
    /// unreadable, not ours, corrupt, truncated, another version or another build).
    func entries(for directory: String) -> [String: Entry]? {
        guard let data = Self.readOwnFile(path(for: directory)),
              let contents = try? JSONDecoder().decode(Contents.self, from: data),
              contents.format == Self.formatVersion, contents.catalogFormat == Self.catalogFormatVersion,
              contents.program == program, contents.directory == directory
        else { return nil }
        return contents.entries
    }

    /// Replaces the cache file of `directory` with `entries`: a temporary file (0600) in the
    /// cache folder (0700), renamed over the old one, so a reader sees the old file or the new
    /// one and never half of one. Any failure leaves things as they were, silently.
    func store(_ entries: [String: Entry], for directory: String) {
        let contents = Contents(
            format: Self.formatVersion, catalogFormat: Self.catalogFormatVersion, program: program,
            directory: directory, entries: entries)
        store(contents, at: path(for: directory))
    }

    /// Writes `contents` to `target` atomically (see `store(_:for:)`).
    func store(_ contents: Contents, at target: String) {
        guard Self.makeFolder(folder), let data = try? JSONEncoder().encode(contents) else { return }
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
