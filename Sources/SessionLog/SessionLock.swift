import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "A session is running here": one guided session per data folder at a time.
///
/// The lock is `flock` on `limber.lock` in the data folder, held for as long as the session's
/// process lives; the kernel lets go of it when the process ends in any way (a crash or `kill -9`
/// included), so a lock is never stale. The file says who holds it (process, terminal, since
/// when) for the message a second `limber start` shows. It is a file of its own, never the
/// database: `flock` and SQLite's POSIX locks do not interfere with each other.
public final class SessionLock: @unchecked Sendable {
    /// The lock file's name inside the data folder.
    public static let fileName = "limber.lock"

    /// Who holds the lock, as its holder wrote it down.
    public struct Holder: Codable, Equatable, Sendable {
        /// The holding process.
        public var pid: Int32
        /// Its terminal (for example `/dev/pts/3`), when it has one.
        public var terminal: String?
        /// When it took the lock.
        public var since: Date

        public init(pid: Int32, terminal: String?, since: Date) {
            self.pid = pid
            self.terminal = terminal
            self.since = since
        }
    }

    /// The outcome of ``acquire(in:now:)``.
    public enum Outcome: Sendable {
        /// This process now holds the lock, until ``release()`` or its end.
        case acquired(SessionLock)
        /// Another process holds it; its note, when it could be read.
        case heldElsewhere(Holder?)
    }

    private var descriptor: Int32
    /// The lock file.
    public let url: URL

    private init(descriptor: Int32, url: URL) {
        self.descriptor = descriptor
        self.url = url
    }

    deinit { release() }

    /// Takes the session lock of `folder` (which must exist) without waiting.
    /// - Throws: ``LogError/cannotOpen(path:reason:)`` when the lock file cannot be created.
    public static func acquire(in folder: URL, now: Date = Date()) throws -> Outcome {
        let url = folder.appendingPathComponent(fileName, isDirectory: false)
        let fd = DataLocation.withPrivateUmask { open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        guard fd >= 0 else {
            let code = errno
            if code == EACCES || code == EPERM { throw LogError.permissionDenied(path: url.path) }
            if code == EROFS { throw LogError.readOnly(path: url.path) }
            throw LogError.cannotOpen(path: url.path, reason: errnoText(code))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK { return .heldElsewhere(holder) }
            throw LogError.cannotOpen(path: url.path, reason: errnoText(code))
        }
        let holder = Holder(pid: getpid(), terminal: currentTerminal(), since: now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        if let data = try? encoder.encode(holder) {
            // A note that cannot be written (a full disk) does not stop the session: the lock is
            // what matters, and the second start then says "another limber" without details.
            _ = ftruncate(fd, 0)
            _ = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return .acquired(SessionLock(descriptor: fd, url: url))
    }

    /// Lets go of the lock (also done when the lock is released from memory or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Holder.self, from: Data(buffer[0..<count]))
    }

    private static func currentTerminal() -> String? {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where isatty(fd) == 1 {
            if let name = ttyname(fd) { return String(cString: name) }
        }
        return nil
    }
}
