/// The small semantic palette of the interface. Screens name a meaning, not a colour; the
/// backend maps each entry to a terminal colour (or, in monochrome, to attributes).
public enum PaletteColor: Int, CaseIterable, Sendable, Hashable {
    /// The terminal's own default colour.
    case normal
    /// Highlights: titles, key names, the running countdown.
    case accent
    /// Green: fine, done (and the safe pain band).
    case good
    /// Yellow: take care (and the acceptable pain band).
    case caution
    /// Red: stop signals (and pain that is too much).
    case danger
    /// Grey: secondary text, empty chart cells.
    case muted
}

/// How one cell looks: a foreground and background from the palette plus attributes.
public struct Style: Sendable, Hashable {
    /// Text colour.
    public var foreground: PaletteColor
    /// Background colour; `.normal` keeps the terminal's own background.
    public var background: PaletteColor
    /// Bold (bright) text.
    public var bold: Bool
    /// Swapped foreground and background.
    public var reverse: Bool
    /// Dim (faint) text.
    public var dim: Bool

    /// A style; every part defaults to the terminal's plain look.
    public init(
        foreground: PaletteColor = .normal, background: PaletteColor = .normal,
        bold: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's plain look.
    public static let normal = Style()
    /// Accent colour, bold: titles and key names.
    public static let accent = Style(foreground: .accent, bold: true)
    /// Muted, secondary text.
    public static let muted = Style(foreground: .muted)
    /// Plain bold text.
    public static let bold = Style(bold: true)
    /// Reversed text: the selected row, the chosen value.
    public static let reversed = Style(reverse: true)

    /// This style in bold.
    public func bolded() -> Style { var copy = self; copy.bold = true; return copy }
    /// This style reversed.
    public func reversed() -> Style { var copy = self; copy.reverse = true; return copy }
    /// This style dimmed.
    public func dimmed() -> Style { var copy = self; copy.dim = true; return copy }
    /// This style with another foreground colour.
    public func with(foreground: PaletteColor) -> Style { var copy = self; copy.foreground = foreground; return copy }

    /// The style as it is shown in `mode`. In monochrome the colours become attributes only:
    /// accent, caution and danger turn bold, muted turns dim, a coloured background turns reverse.
    public func resolved(for mode: ColorMode) -> Style {
        guard mode == .monochrome else { return self }
        var result = Style(bold: bold, reverse: reverse, dim: dim)
        switch foreground {
        case .accent, .caution, .danger: result.bold = true
        case .muted: result.dim = true
        case .normal, .good: break
        }
        if background != .normal { result.reverse = true }
        if result.bold { result.dim = false }
        return result
    }
}

/// Whether the terminal shows colours.
public enum ColorMode: Sendable, Hashable {
    /// Palette colours.
    case color
    /// Attributes only (bold, reverse, dim).
    case monochrome

    /// Decides the mode: monochrome when `NO_COLOR` is set to anything non-empty
    /// (https://no-color.org), when `--no-color` was given, or when the terminal has no colours.
    public static func decide(
        environment: [String: String], noColorFlag: Bool, terminalHasColors: Bool
    ) -> ColorMode {
        if let value = environment["NO_COLOR"], !value.isEmpty { return .monochrome }
        if noColorFlag || !terminalHasColors { return .monochrome }
        return .color
    }
}
