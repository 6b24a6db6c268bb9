import CoachPolicy
import TUIKit

// The colours of pain, from the pain policy's own zones (0-3 safe, 4-5 acceptable, above that too
// much), so a screen can never colour a rating differently from how the engine treats it.

extension PaletteColor {
    /// The colour band of a pain rating: safe good, acceptable caution, too much danger.
    public static func forPain(_ rating: Int) -> PaletteColor {
        if rating <= PainPolicy.safeMaximum { return .good }
        if rating <= PainPolicy.acceptableMaximum { return .caution }
        return .danger
    }
}

extension Style {
    /// The style of a pain rating's colour band.
    public static func pain(_ rating: Int) -> Style { Style(foreground: .forPain(rating)) }
}

extension ValueStyling {
    /// Chart values (pain 0-10) in the pain policy's bands.
    public static let painBands = ValueStyling.bands(
        [Band(upTo: PainPolicy.safeMaximum, style: .pain(PainPolicy.safeMaximum)),
         Band(upTo: PainPolicy.acceptableMaximum, style: .pain(PainPolicy.acceptableMaximum))],
        above: .pain(PainPolicy.acceptableMaximum + 1))
}
