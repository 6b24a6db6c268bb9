/// The red-flag questions of CLINICAL.md. They are never adjustable: no policy value switches them
/// off (only `--skip-screen` for one day, logged). Two kinds, asked differently so the daily check
/// stays short enough to be read every day: the daily screen (emergency and same-day signs, which
/// change fast) and the history check (permanent facts, at setup and every four weeks).
public struct RedFlag: Sendable, Hashable, Identifiable {
    /// How urgent a "yes" is.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Codable {
        /// Seek emergency care now; the session does not start.
        case emergency
        /// Same-day assessment: no exercise today; call a doctor or urgent care today.
        case sameDay = "same_day"
        /// See a clinician soon; gentle routines only until a clinician has assessed it.
        case seeClinician = "see_clinician"
    }

    /// Which check asks it.
    public enum Check: String, Sendable, Hashable, CaseIterable, Codable {
        /// Before the first session of each day: "is any of these new since yesterday?".
        case daily
        /// At setup, then every `RedFlags.historyIntervalDays` days, or `limber check history`.
        case history
    }

    /// A stable id for the log (`saddle_numbness`).
    public var id: String
    /// The yes/no question, in plain words.
    public var question: String
    /// The item as one line of the daily list ("numbness or tingling around the genitals or anus").
    public var listText: String
    /// A few words for small screens ("saddle numbness").
    public var shortText: String
    public var severity: Severity

    public init(id: String, question: String, listText: String? = nil, shortText: String? = nil, severity: Severity) {
        self.id = id
        self.question = question
        self.listText = listText ?? question
        self.shortText = shortText ?? listText ?? question
        self.severity = severity
    }

    /// Emergency and same-day signs are asked daily; the rest belong to the history check.
    public var check: Check { severity == .seeClinician ? .history : .daily }
}

/// The red-flag lists and what a set of answers means.
public enum RedFlags {
    /// The history check is due again after this many days.
    public static let historyIntervalDays = 28

    /// Every flag: emergency items first, then same-day, then history.
    public static let all: [RedFlag] = [
        RedFlag(id: "saddle_numbness",
                question: "Is there new numbness or tingling around your genitals or anus, or does it feel different when you wipe?",
                listText: "numbness or tingling around the genitals or anus, or it feels different when you wipe",
                shortText: "saddle numbness",
                severity: .emergency),
        RedFlag(id: "bladder_bowel",
                question: "Do you have new trouble starting, stopping or feeling when you pass urine, or have you lost control of your bowels?",
                listText: "trouble starting, stopping or feeling urination, or loss of bowel control",
                shortText: "bladder or bowel trouble",
                severity: .emergency),
        RedFlag(id: "both_legs",
                question: "Is there new sciatica in both legs, or weakness or numbness in both legs that is severe or getting worse?",
                listText: "sciatica in both legs, or severe or worsening weakness or numbness in both legs",
                shortText: "sciatica in both legs",
                severity: .emergency),
        RedFlag(id: "sexual_dysfunction",
                question: "Is there new sexual dysfunction (for example, new trouble with erection or sensation)?",
                listText: "new sexual dysfunction",
                shortText: "sexual dysfunction",
                severity: .emergency),
        RedFlag(id: "weak_leg",
                question: "Is a leg getting weaker, or does your foot drop or catch when you walk?",
                listText: "a leg getting weaker, or a foot that drops or catches (tripping)",
                shortText: "a weakening leg or foot drop",
                severity: .sameDay),
        RedFlag(id: "fever",
                question: "Do you have a fever or feel generally unwell along with the back pain?",
                listText: "fever, or feeling unwell, with the back pain",
                shortText: "fever with back pain",
                severity: .sameDay),
        RedFlag(id: "cancer_history",
                question: "Have you ever had cancer?",
                listText: "a history of cancer",
                severity: .seeClinician),
        RedFlag(id: "weight_loss",
                question: "Have you lost weight without trying?",
                listText: "weight loss without trying",
                severity: .seeClinician),
        RedFlag(id: "night_pain",
                question: "Is the pain constant at night, not eased by any position?",
                listText: "constant night pain not eased by any position",
                severity: .seeClinician),
        RedFlag(id: "trauma",
                question: "Did the pain start after a major injury, such as a fall or a car accident?",
                listText: "pain that started after a major injury (a fall, a car accident)",
                severity: .seeClinician),
        RedFlag(id: "age",
                question: "Is this new back pain, and are you under 16 or over 60?",
                listText: "new back pain under 16 or over 60",
                severity: .seeClinician),
        RedFlag(id: "steroids",
                question: "Have you taken steroid tablets (such as prednisolone) for a long time?",
                listText: "long-term steroid tablets",
                severity: .seeClinician),
    ]

    /// The daily screen's items: emergency first, then same-day.
    public static var daily: [RedFlag] { all.filter { $0.check == .daily } }
    /// The history check's questions.
    public static var history: [RedFlag] { all.filter { $0.check == .history } }

    /// What the answers add up to.
    public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable {
        /// Every answer "no".
        case clear
        /// A history item was "yes" (see a clinician soon; gentle routines only until assessed).
        case seeClinician = "see_clinician"
        /// A same-day item was "yes", no emergency item: no exercise today.
        case sameDay = "same_day"
        /// An emergency item was "yes".
        case emergency
    }

    /// The outcome of `yes` (the ids answered "yes") over `flags`: the most urgent one.
    public static func outcome(yes: Set<String>, flags: [RedFlag] = all) -> Outcome {
        let chosen = flags.filter { yes.contains($0.id) }
        if chosen.contains(where: { $0.severity == .emergency }) { return .emergency }
        if chosen.contains(where: { $0.severity == .sameDay }) { return .sameDay }
        if !chosen.isEmpty { return .seeClinician }
        return .clear
    }

    /// What to say on the emergency screen.
    public static let emergencyAdvice: [String] = [
        "Call your local emergency number now (911, 999 or 112), or go to an emergency department.",
        "Do not exercise today. limber will not start a session.",
    ]

    /// What to say on the same-day screen.
    public static let sameDayAdvice: [String] = [
        "Call your doctor or an urgent care service today: this needs to be seen today.",
        "No exercise today. limber will not start a session.",
    ]

    /// What to tell the emergency team, built from the "yes" answers.
    public static func whatToTell(yes: Set<String>, flags: [RedFlag] = all) -> [String] {
        var lines = ["Tell them you have back pain or sciatica, and that these are new:"]
        // The words an emergency team expects, shorter than the questions.
        let told: [String: String] = [
            "saddle_numbness": "numbness or tingling around the genitals or anus (saddle area)",
            "bladder_bowel": "new trouble with passing urine, or loss of bowel control",
            "both_legs": "sciatica, weakness or numbness in both legs",
            "sexual_dysfunction": "new sexual dysfunction",
        ]
        for flag in flags where yes.contains(flag.id) && flag.severity == .emergency {
            lines.append(told[flag.id] ?? flag.listText)
        }
        lines.append("Say when it started. These can be signs of cauda equina syndrome, which needs urgent care.")
        return lines
    }

    /// The notice for history answers.
    public static let seeClinicianAdvice: [String] = [
        "Please see a doctor or physiotherapist soon (within a few days) and tell them what you answered yes to.",
        "Until a clinician has assessed it, limber offers only the gentle routines. Stop if anything gets worse.",
    ]

    /// The red-flag rows of the policy table.
    static var rules: [PolicyRule] {
        let emergency = daily.filter { $0.severity == .emergency }.map(\.listText).joined(separator: "; ")
        let sameDay = daily.filter { $0.severity == .sameDay }.map(\.listText).joined(separator: "; ")
        return [
            PolicyRule(
                id: "daily_screen", part: .redFlagsDaily, signal: "Before the first session of a day",
                response: "one screen lists the emergency and same-day signs and asks: is any of these new since yesterday? n (none) goes on with one key; y asks each item."),
            PolicyRule(
                id: "red_flag_emergency", part: .redFlagsDaily, signal: "New: " + emergency,
                response: "seek emergency care now (call 911 / 999 / 112, or go to an emergency department); the session does not start."),
            PolicyRule(
                id: "red_flag_same_day", part: .redFlagsDaily, signal: "New: " + sameDay,
                response: "no exercise today; call your doctor or urgent care today."),
            PolicyRule(
                id: "emergency_on_record", part: .redFlagsDaily, signal: "An emergency or same-day answer earlier today",
                response: "a later launch shows it again and asks whether you have been assessed since; it never silently runs a normal session."),
            PolicyRule(
                id: "skip_screen", part: .redFlagsDaily, signal: "`limber start --skip-screen`",
                response: "skips the daily screen for that day only, and it is logged."),
            PolicyRule(
                id: "history_check", part: .redFlagsHistory,
                signal: "A yes to a history question (" + history.map(\.listText).joined(separator: "; ") + ")",
                response: "a yes means: see a clinician soon, and gentle routines only, until you confirm that a clinician has assessed it (logged with its date).",
                thresholds: [.init("RedFlags.historyIntervalDays", historyIntervalDays, "days")]),
        ]
    }
}
