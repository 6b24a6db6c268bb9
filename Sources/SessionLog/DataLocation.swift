import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where limber keeps its data, and how the folder and the database file are created.
///
/// The folder is chosen, in order, from `--data-dir`, `LIMBER_DATA_DIR`, `$XDG_DATA_HOME/limber`
/// and `~/.local/share/limber`. A folder limber creates gets mode 0700; the database file gets
/// mode 0600, and looser permissions on an existing file are tightened each time it is opened.
public enum DataLocation {
    /// The name of the database file inside the data folder.
    public static let databaseFileName = "limber.sqlite"

    /// The data folder for a `--data-dir` value and an environment.
    ///
    /// Empty values count as unset. A relative `--data-dir` or `LIMBER_DATA_DIR` is taken relative
    /// to `currentDirectory`; a leading `~/` is expanded with `HOME`. A relative `XDG_DATA_HOME` is
    /// ignored, as the XDG Base Directory specification asks.
    /// - Parameters:
    ///   - option: the `--data-dir` value, if given.
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - currentDirectory: the folder relative paths are resolved against.
    public static func resolve(
        option: String?,
        environment: [String: String],
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL {
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        func absolute(_ path: String) -> URL {
            var path = path
            if path == "~" { path = home } else if path.hasPrefix("~/") { path = home + path.dropFirst(1) }
            if !path.hasPrefix("/") { path = currentDirectory + "/" + path }
            return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        }
        if let option = nonEmpty(option) { return absolute(option) }
        if let env = nonEmpty(environment["LIMBER_DATA_DIR"]) { return absolute(env) }
        if let xdg = nonEmpty(environment["XDG_DATA_HOME"]), xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("limber", isDirectory: true).standardizedFileURL
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/limber", isDirectory: true).standardizedFileURL
    }

    /// The database file inside a data folder.
    public static func databaseURL(in folder: URL) -> URL {
        folder.appendingPathComponent(databaseFileName, isDirectory: false)
    }

    /// Whether the database file already exists in `folder` (commands that only read use this to
    /// avoid creating an empty database).
    public static func databaseExists(in folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: databaseURL(in: folder).path)
    }

    /// Whether `file` is the database of `folder` or one of its `-wal` / `-shm` companions
    /// (symbolic links followed), so that nothing else is ever written over the log.
    public static func isDatabaseFile(_ file: URL, in folder: URL) -> Bool {
        let database = databaseURL(in: folder).resolvingSymlinksInPath().path
        let path = file.resolvingSymlinksInPath().path
        return [database, database + "-wal", database + "-shm"].contains(path)
    }

    /// Creates `folder` (mode 0700; missing parents are created with the default mode) when it does
    /// not exist, and checks that it is a folder.
    /// - Throws: ``LogError/cannotCreateFolder(path:reason:)``.
    public static func ensureFolder(_ folder: URL) throws {
        let path = folder.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw LogError.cannotCreateFolder(path: path, reason: "a file with that name exists")
            }
            return
        }
        let parent = folder.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw LogError.cannotCreateFolder(path: path, reason: reasonOf(error, fallbackPath: parent.path))
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw LogError.cannotCreateFolder(path: path, reason: errnoText(errno))
        }
        // mkdir honours the umask; make sure the result is exactly 0700.
        if chmod(path, 0o700) != 0 {
            throw LogError.cannotCreateFolder(path: path, reason: errnoText(errno))
        }
    }

    /// Creates the database file with mode 0600 when it does not exist; otherwise removes any
    /// group/other permission bits from it and from its `-wal` / `-shm` companions.
    /// - Throws: ``LogError/cannotOpen(path:reason:)``.
    public static func ensurePrivateFile(_ file: URL) throws {
        let path = file.path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 {
            throw LogError.cannotOpen(path: path, reason: errnoText(errno))
        }
        defer { close(fd) }
        try tighten(fd: fd, path: path)
        for suffix in ["-wal", "-shm"] {
            let companion = path + suffix
            let cfd = open(companion, O_RDONLY | O_CLOEXEC)
            if cfd >= 0 {
                defer { close(cfd) }
                try tighten(fd: cfd, path: companion)
            }
        }
    }

    /// The permission bits (`st_mode & 0o777`) of a file or folder, or nil when it does not exist.
    public static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }

    private static func tighten(fd: Int32, path: String) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw LogError.cannotOpen(path: path, reason: errnoText(errno)) }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            if fchmod(fd, mode & 0o700 | 0o600) != 0 {
                throw LogError.cannotOpen(path: path, reason: "cannot make it private (\(errnoText(errno)))")
            }
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func reasonOf(_ error: any Error, fallbackPath: String) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return errnoText(Int32(underlying.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            default: break
            }
        }
        if ns.domain == NSPOSIXErrorDomain { return errnoText(Int32(ns.code)) }
        return "cannot create \(fallbackPath)"
    }
}
