import ExerciseCatalog
import Foundation

/// Everything that can go wrong in the session log, each as one line that names the path or option
/// involved and says what to do about it.
///
/// `description` is the message shown to the user (swift-argument-parser prints it after `Error: `).
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The data folder could not be created or is not a folder.
    case cannotCreateFolder(path: String, reason: String)
    /// The database file could not be created, opened or have its permissions set.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The database was written by a newer limber (it holds migrations this build does not know).
    case newerSchema(path: String, unknownVersions: [String])
    /// The data folder path names a file, not a folder.
    case notAFolder(path: String)
    /// This user may not read (or create) the file.
    case permissionDenied(path: String)
    /// The database cannot be written: a read-only file, folder or mount.
    case readOnly(path: String)
    /// A write failed because the disk (or the file system holding the log) is full.
    case diskFull(path: String)
    /// A write failed because the process may not make files this large (the shell's `ulimit -f`).
    case fileSizeLimit(path: String, kilobytes: UInt64)
    /// A stored value this build does not know (a newer limber's, or an edited file).
    case unknownValue(table: String, rowID: Int64, column: String, value: String)
    /// A read or write failed after the database was open.
    case databaseFailure(path: String, reason: String)
    /// No session with this id exists.
    case noSuchSession(id: Int64)
    /// The session is not in a state that allows the requested change.
    case wrongSessionState(id: Int64, status: String, action: String)
    /// A value to be stored is out of range (for example a pain rating of 11).
    case invalidValue(field: String, value: String, expected: String)
    /// An export target already exists and `--force` was not given.
    case fileExists(path: String)
    /// An export target is the session log itself (or one of its -wal/-shm companions).
    case targetIsLog(path: String)
    /// An export file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A command-line option has a value in the wrong format.
    case badOption(option: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason):
            return "cannot create \(path): \(reason) — pass --data-dir DIR or set LIMBER_DATA_DIR"
        case let .cannotOpen(path, reason):
            return "cannot open \(path): \(reason) — check its permissions, or pass --data-dir DIR or set LIMBER_DATA_DIR"
        case let .notADatabase(path):
            return "\(path) is not a limber database — move it aside, or pass --data-dir DIR to use another folder"
        case let .newerSchema(path, versions):
            return "\(path) was written by a newer limber (schema \(versions.joined(separator: ", "))) — update limber, or pass --data-dir DIR to use another folder; nothing was changed"
        case let .notAFolder(path):
            return "\(path) is a file, not a folder — pass --data-dir DIR or set LIMBER_DATA_DIR to limber's data folder"
        case let .permissionDenied(path):
            return "cannot open \(path): permission denied — check who owns it (ls -l \(path)), or pass --data-dir DIR"
        case let .readOnly(path):
            return "cannot write \(path): it is read-only — make it and its folder writable (chmod u+w), or pass --data-dir DIR"
        case let .diskFull(path):
            return "cannot write \(path): the disk is full — free some space; what is already saved is kept"
        case let .fileSizeLimit(path, kilobytes):
            return "cannot write \(path): the file size limit of this shell (ulimit -f, \(kilobytes) KB) is too small for the log — run `ulimit -f unlimited` and start again; what is already saved is kept"
        case let .unknownValue(table, rowID, column, value):
            return "the log's \(table) row \(rowID) has \(column) \"\(ControlCharacters.escaped(value))\", which this limber does not know — update limber; nothing was changed"
        case let .databaseFailure(path, reason):
            return "database error in \(path): \(reason) — check free disk space and permissions, then try again"
        case let .noSuchSession(id):
            return "no session with id \(id) — list sessions with `limber history`"
        case let .wrongSessionState(id, status, action):
            return "cannot \(action) session \(id): it is \(status.replacingOccurrences(of: "_", with: " "))"
        case let .invalidValue(field, value, expected):
            return "\(field) \(value) is not valid — expected \(expected)"
        case let .fileExists(path):
            return "\(path) already exists — choose another --output FILE, or pass --force to replace it"
        case let .targetIsLog(path):
            return "\(path) is limber's own database — choose another --output FILE"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason) — choose another --output FILE or check the folder's permissions"
        case let .badOption(option, value, expected):
            return "\(option) \"\(value)\" is not valid — expected \(expected)"
        }
    }

    public var errorDescription: String? { description }
}

/// The text of `strerror(errno)` in lower case ("permission denied").
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
}
