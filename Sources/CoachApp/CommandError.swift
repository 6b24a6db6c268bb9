import MonotonicTime
import CoachPolicy
import CoachUI
import TUIKit
import Foundation

/// A one-line reason a command cannot go on. swift-argument-parser prints it on stderr as
/// `Error: <description>` and exits 1, the same as the log's and the catalog's own errors.
public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes one line to standard error (warnings, catalog issues, notes that must stay off stdout).
public func printToStderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension CommandError {
    /// Runs `body`, turning a settings error into a one-line command error.
    public static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SettingsError {
            throw CommandError(error.description)
        }
    }
}
