import PlainText
/// Both policies (in-session `PainPolicy`, next-session `ProgressionPolicy`) and the red flags in
/// plain words, built from the constants themselves so the text can never disagree with the code.
/// `limber policy` prints `text`; a physiotherapist can review it without reading Swift.
public enum PolicyDescription {
    /// One titled part of the description.
    public struct Section: Sendable, Hashable {
        public var title: String
        /// Bullet points, one rule each.
        public var rules: [String]

        public init(title: String, rules: [String]) {
            self.title = title
            self.rules = rules
        }
    }

    /// Every section, in reading order.
    public static var sections: [Section] {
        let safe = PainPolicy.safeMaximum
        let acceptable = PainPolicy.acceptableMaximum
        let stop = PainPolicy.stopThreshold
        let cut = PainPolicy.reductionPercent
        return [
            Section(title: "Pain scale", rules: [
                "After every set you rate your pain from 0 to 10, and you may mark that it spread further down your leg.",
                "0-\(safe) is safe, \(safe + 1)-\(acceptable) is acceptable, \(acceptable + 1) and above is too much.",
            ]),
            Section(title: "During a session (after each set)", rules: [
                "Pain spread further down your leg: stop that exercise now, even if the number is low; next time starts from the easier variant.",
                "Pain \(stop) or more: stop that exercise for today.",
                "The \(ordinal(PainPolicy.stopsThatEndTheSession)) exercise stopped in one session: the session ends, gently.",
                "Pain \(acceptable + 1)-\(stop - 1), or \(PainPolicy.riseOverCheckInThatReduces) or more above your pain at the start: the easier variant if there is one, else about \(cut)% fewer reps or seconds (never below \(PainPolicy.minimumReps) rep or \(PainPolicy.minimumHoldSeconds) s), else one set fewer.",
                "Pain \(safe + 1)-\(acceptable): keep the same dose; that session does not count toward a step up.",
                "Pain 0-\(safe): keep going; it counts toward a step up.",
                "The amount never goes up during a session.",
            ]),
            Section(title: "From one session to the next (per exercise)", rules: [
                "Step up after \(ProgressionPolicy.easySessionsToProgress) sessions in a row at the same dose where every set was 0-\(ProgressionPolicy.easyMaximum) with no spread mark.",
                "A step up is +\(ProgressionPolicy.repStep) reps or +\(ProgressionPolicy.secondsStep) s of hold, up to the top of the exercise's range; at the top, the harder variant at its starting dose; with no harder variant it stays at the top.",
                "Pain \(ProgressionPolicy.easyMaximum + 1)-\(ProgressionPolicy.holdMaximum) last time: the same dose.",
                "Pain \(ProgressionPolicy.holdMaximum + 1) or more last time: one step back (about \(ProgressionPolicy.stepBackPercent)% fewer reps or seconds, or the easier variant).",
                "A spread mark or a stopped exercise last time: one step back (the easier variant first).",
                "Never more than one step per session, never outside the exercise's easier/harder chain; sets and rest stay the routine's.",
                "The level is read from your log every time; nothing else is stored.",
            ]),
            Section(title: "Flares", rules: [
                "A flare is: you say your pain is worse since your last session, or your pain at the start is \(ProgressionPolicy.flareRiseOverUsual) or more above your usual (the middle value of your last \(ProgressionPolicy.usualPainWindow) starting pains, once there are \(ProgressionPolicy.usualPainMinimumSessions)).",
                "On a flare day the exercises of your last session step back one step, nothing steps up, and the session right after a flare does not step up either.",
            ]),
            Section(title: "Red flags (checked before the first session of each day; never adjustable)", rules:
                ["Seek emergency care now if any of these is new (the session does not start):"]
                + RedFlags.all.filter { $0.severity == .emergency }.map { "  - " + $0.question }
                + ["See a clinician soon if any of these applies (you may do the gentle routine after confirming):"]
                + RedFlags.all.filter { $0.severity == .seeClinician }.map { "  - " + $0.question }
                + ["Only `limber start --skip-screen` skips the check, for that day, and it is logged."]),
        ]
    }

    /// The whole description as text, wrapped to `width` columns.
    public static func text(width: Int = 78) -> String {
        var lines = ["limber's policy: the rules it follows, in plain words."]
        lines += wrap(
            "It is a self-management aid, not medical advice. Based on public guidance: NICE NG59, the pain-monitoring model (Silbernagel 2007), centralisation (McKenzie), smallest change that matters (Ostelo 2008).",
            width: width, first: "", rest: "")
        for section in sections {
            lines.append("")
            lines.append(section.title)
            for rule in section.rules {
                if rule.hasPrefix("  - ") {
                    lines += wrap(String(rule.dropFirst(4)), width: width, first: "    - ", rest: "      ")
                } else {
                    lines += wrap(rule, width: width, first: "  * ", rest: "    ")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "first"
        case 2: return "second"
        case 3: return "third"
        default: return "\(n)th"
        }
    }

    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        PlainText.wrap(text, width: width, first: first, rest: rest)
    }
}
