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

    /// Creates `folder` and any missing parents with mode 0700 (whatever the umask) when it does
    /// not exist, and checks that it is a folder. Existing folders keep their permissions.
    /// - Throws: ``LogError/cannotCreateFolder(path:reason:)``.
    public static func ensureFolder(_ folder: URL) throws {
        let path = folder.path
        if let isFolder = kind(of: path) {
            guard isFolder else {
                throw LogError.cannotCreateFolder(path: path, reason: "a file with that name exists")
            }
            return
        }
        // Create from the outermost missing folder inwards, each 0700: a missing parent of the data
        // folder holds nothing but it, so nobody else needs to see into it either.
        var missing: [String] = []
        var current = folder
        while kind(of: current.path) == nil, current.path != "/" {
            missing.append(current.path)
            current = current.deletingLastPathComponent()
        }
        if kind(of: current.path) == false {
            throw LogError.cannotCreateFolder(path: path, reason: "\(current.path) is a file, not a folder")
        }
        for component in missing.reversed() {
            if mkdir(component, 0o700) != 0 && errno != EEXIST {
                throw LogError.cannotCreateFolder(path: path, reason: errnoText(errno))
            }
            // mkdir honours the umask; make sure the result is exactly 0700.
            if chmod(component, 0o700) != 0 {
                throw LogError.cannotCreateFolder(path: path, reason: errnoText(errno))
            }
        }
    }

    /// True for a folder, false for anything else that exists, nil when nothing is there.
    static func kind(of path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    /// Removes group/other permission bits from the database file and its `-wal` / `-shm`
    /// companions, when they exist.
    ///
    /// This works on paths only (stat and chmod) and never opens a descriptor: closing a
    /// descriptor of a file drops every POSIX lock the process holds on it, SQLite's included,
    /// and another program would then checkpoint and delete the live WAL of a running session.
    /// - Throws: ``LogError/cannotOpen(path:reason:)``.
    public static func tightenPermissions(ofDatabase file: URL) throws {
        for path in [file.path, file.path + "-wal", file.path + "-shm"] {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let mode = info.st_mode & 0o777
            guard mode & 0o077 != 0 else { continue }
            if chmod(path, mode & 0o700 | 0o600) != 0 {
                throw LogError.cannotOpen(path: path, reason: "cannot make it private (\(errnoText(errno)))")
            }
        }
    }

    /// Runs `body` with the process umask set to 077, so that every file created meanwhile (the
    /// database, its `-wal` and `-shm`) is private from the moment it exists.
    public static func withPrivateUmask<T>(_ body: () throws -> T) rethrows -> T {
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }

    /// The permission bits (`st_mode & 0o777`) of a file or folder, or nil when it does not exist.
    public static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
