/// The red-flag questions of CLINICAL.md, asked before the first session of each day. They are
/// never adjustable: no policy value switches them off (only `--skip-screen` for one day, logged).
public struct RedFlag: Sendable, Hashable, Identifiable {
    /// How urgent a "yes" is.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Codable {
        /// Seek emergency care now; the session does not start.
        case emergency
        /// See a clinician soon; a gentle session may start after the person confirms.
        case seeClinician = "see_clinician"
    }

    /// A stable id for the log (`saddle_numbness`).
    public var id: String
    /// The yes/no question, in plain words.
    public var question: String
    public var severity: Severity

    public init(id: String, question: String, severity: Severity) {
        self.id = id
        self.question = question
        self.severity = severity
    }
}

/// The red-flag list and what a set of answers means.
public enum RedFlags {
    /// Emergency items first, then the "see a clinician soon" ones.
    public static let all: [RedFlag] = [
        RedFlag(id: "saddle_numbness",
                question: "Is there new numbness or tingling around your genitals or anus, or does it feel different when you wipe?",
                severity: .emergency),
        RedFlag(id: "bladder_bowel",
                question: "Do you have new trouble starting, stopping or feeling when you pass urine, or have you lost control of your bowels?",
                severity: .emergency),
        RedFlag(id: "both_legs",
                question: "Is there new sciatica in both legs, or weakness or numbness in both legs that is severe or getting worse?",
                severity: .emergency),
        RedFlag(id: "sexual_dysfunction",
                question: "Is there new sexual dysfunction (for example, new trouble with erection or sensation)?",
                severity: .emergency),
        RedFlag(id: "weak_leg",
                question: "Is a leg getting weaker, or does your foot drop or catch when you walk?",
                severity: .seeClinician),
        RedFlag(id: "fever",
                question: "Do you have a fever or feel generally unwell along with the back pain?",
                severity: .seeClinician),
        RedFlag(id: "cancer_history",
                question: "Have you ever had cancer?",
                severity: .seeClinician),
        RedFlag(id: "weight_loss",
                question: "Have you lost weight without trying?",
                severity: .seeClinician),
        RedFlag(id: "night_pain",
                question: "Is the pain constant at night, even when you lie still?",
                severity: .seeClinician),
        RedFlag(id: "trauma",
                question: "Did the pain start after a major injury, such as a fall or a car accident?",
                severity: .seeClinician),
        RedFlag(id: "age",
                question: "Is this new back pain, and are you under 16 or over 60?",
                severity: .seeClinician),
    ]

    /// What the answers add up to.
    public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable {
        /// Every answer "no".
        case clear
        /// A "see a clinician soon" item was "yes", no emergency item.
        case seeClinician = "see_clinician"
        /// An emergency item was "yes".
        case emergency
    }

    /// The outcome of `yes` (the ids answered "yes") over `flags`.
    public static func outcome(yes: Set<String>, flags: [RedFlag] = all) -> Outcome {
        let chosen = flags.filter { yes.contains($0.id) }
        if chosen.contains(where: { $0.severity == .emergency }) { return .emergency }
        if !chosen.isEmpty { return .seeClinician }
        return .clear
    }

    /// What to say on the emergency screen.
    public static let emergencyAdvice: [String] = [
        "Call your local emergency number now (911, 999 or 112), or go to an emergency department.",
        "Do not exercise today. limber will not start a session.",
    ]

    /// What to tell the emergency team, built from the "yes" answers.
    public static func whatToTell(yes: Set<String>, flags: [RedFlag] = all) -> [String] {
        var lines = ["Tell them you have back pain or sciatica, and that these are new:"]
        let told: [String: String] = [
            "saddle_numbness": "numbness or tingling around the genitals or anus (saddle area)",
            "bladder_bowel": "new trouble with passing urine, or loss of bowel control",
            "both_legs": "sciatica, weakness or numbness in both legs",
            "sexual_dysfunction": "new sexual dysfunction",
        ]
        for flag in flags where yes.contains(flag.id) && flag.severity == .emergency {
            lines.append(told[flag.id] ?? flag.question)
        }
        lines.append("Say when it started. These can be signs of cauda equina syndrome, which needs urgent care.")
        return lines
    }

    /// The notice for "see a clinician soon" answers.
    public static let seeClinicianAdvice: [String] = [
        "Please see a doctor or physiotherapist soon (within a few days) and tell them what you answered yes to.",
        "If you feel up to it, you may do the gentle relief routine today. Stop if anything gets worse.",
    ]
}
