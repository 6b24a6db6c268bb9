/// One problem found while loading the catalog: which file, which field, which line, and what to
/// do about it. Issues are values (not thrown) because loading collects every problem instead of
/// stopping at the first; a person fixing a file wants the whole list at once.
public struct CatalogIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or directory) the issue is about, as the loader was given it
    /// (relative to the loader's `displayBase` when one was set).
    public var file: String
    /// The field path inside the file, like `dose.sets` or `items[2].seconds` (list indexes
    /// count from 0); `nil` when the issue is about the whole file (a YAML syntax error, say).
    public var field: String?
    /// The 1-based line, when the YAML parser knows it.
    public var line: Int?
    /// What is wrong and what to do, in one line (`must be 1-10, got 0`).
    public var message: String

    /// Creates an issue; `message` must be a single line.
    public init(file: String, field: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.field = field
        self.line = line
        self.message = message
    }

    /// The issue as one line: `Exercises/bird-dog.yaml:12: dose.sets: must be 1-10, got 0`.
    /// Parts that are unknown are left out (`file: message`), so the line stays greppable and
    /// editors can jump to `file:line`.
    ///
    /// File names, fields and messages can hold file content (a bad key, a value echoed back),
    /// so the line never contains a control character: a newline in the message becomes a
    /// space (one line per issue) and every other control character is written as `\u{1B}`.
    public var description: String {
        var text = ControlCharacters.escaped(file)
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(ControlCharacters.escaped(field)): " }
        text += ControlCharacters.escaped(message.replacingOccurrences(of: "\n", with: " "))
        return text
    }
}
