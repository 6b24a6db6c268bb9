/// Control characters in text that came from a file. A terminal acts on them (ESC starts a
/// colour change, a cursor move or a title change; BEL rings; CR returns to the start of the
/// line), so text from a catalog file or the log must never reach the screen with one inside.
/// The catalog refuses them in its text fields; messages that quote file content escape them.
public enum ControlCharacters {
    /// True for C0 (U+0000-U+001F, which includes tab, newline and ESC), DEL (U+007F) and C1
    /// (U+0080-U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character of `text` that is not in `allowed`, if any.
    public static func first(in text: String, allowing allowed: Set<Unicode.Scalar> = []) -> Unicode.Scalar? {
        text.unicodeScalars.first { isControl($0) && !allowed.contains($0) }
    }

    /// How a control character is written in messages: `\u{1B}` (Swift's escape notation,
    /// two or more hex digits).
    public static func notation(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{\(hex.count < 2 ? "0" + hex : hex)}"
    }

    /// `text` with every control character not in `allowed` written as `\u{1B}`; everything
    /// else stays as it is. Text without control characters comes back unchanged.
    public static func escaped(_ text: String, allowing allowed: Set<Unicode.Scalar> = []) -> String {
        guard first(in: text, allowing: allowed) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !allowed.contains(scalar) {
                out.append(contentsOf: notation(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
