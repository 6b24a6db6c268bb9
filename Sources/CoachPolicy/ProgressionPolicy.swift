import ExerciseCatalog

/// The next-session policy of CLINICAL.md ("Next session"), in one readable place next to
/// `PainPolicy` so a physiotherapist can review both. `Prescriber` applies it; `PolicyDescription`
/// prints it for `limber policy`.
///
/// Per exercise of a routine (one position of the routine), from the logged history:
///
/// | what the log shows                                                   | next session                  |
/// |----------------------------------------------------------------------|-------------------------------|
/// | a flare today (since-last "worse", or starting pain >= usual + 2)    | one step back for what was done last session; never a step up |
/// | last time: a spread mark, or the exercise was stopped                | one step back (easier variant first) |
/// | last time: a rating of 6 or more                                     | one step back (~30% less first) |
/// | last time: a rating of 4-5                                           | the same dose                  |
/// | the last two times, at this same dose: every set 0-3, no spread      | one step up                    |
/// | otherwise (one easy session so far)                                  | the same dose                  |
///
/// A step up is: +2 reps up to the exercise's `max.reps`, or +5 s up to its `max.seconds`; at the
/// top, the harder variant at its starting dose; with no harder variant the exercise stays at its
/// top. A step back is the easier variant at its starting dose (never more work than now when the
/// work is of the same kind), or ~30% fewer reps or seconds, whichever the cause asks for first;
/// at the smallest dose with no easier variant it stays. Never more than one step per session, and
/// never outside the routine exercise's easier/harder chain. Sets and rest always stay the
/// routine's for that position: the set count is never a progression variable.
public enum ProgressionPolicy {
    /// Sessions in a row, at the same dose, with every set in the safe zone, before a step up.
    public static let easySessionsToProgress = 2
    /// Highest pain of a set that still counts as easy (the pain policy's safe zone, 0-3).
    public static let easyMaximum = PainPolicy.safeMaximum
    /// Highest pain that holds the dose (4-5); a rating above it steps back next time.
    public static let holdMaximum = PainPolicy.acceptableMaximum
    /// Reps added by one step up.
    public static let repStep = 2
    /// Seconds of hold added by one step up.
    public static let secondsStep = 5
    /// How much a step back cuts the reps or seconds (the same ~30% as the in-session policy).
    public static let stepBackPercent = PainPolicy.reductionPercent
    /// A starting pain this many points above the usual is a flare (the smallest change that
    /// matters on the 0-10 scale, Ostelo et al. 2008).
    public static let flareRiseOverUsual = 2
    /// "Usual" pain: the median starting pain of at most this many recent sessions...
    public static let usualPainWindow = 7
    /// ...and only once at least this many sessions have one (fewer say too little).
    public static let usualPainMinimumSessions = 3

    /// The work after a step up along the range, or nil at (or without) the top of the range.
    public static func steppedUp(_ work: Work, ceiling: DoseCeiling?) -> Work? {
        switch work {
        case .reps(let n):
            guard let top = ceiling?.reps, n < top else { return nil }
            return .reps(min(n + repStep, top))
        case .seconds(let s):
            guard let top = ceiling?.seconds, s < top else { return nil }
            return .seconds(min(s + secondsStep, top))
        }
    }

    /// The top of the range for this kind of work, when the exercise has one.
    public static func top(of work: Work, ceiling: DoseCeiling?) -> Int? {
        switch work {
        case .reps: return ceiling?.reps
        case .seconds: return ceiling?.seconds
        }
    }

    /// The work after a ~30% step back, or nil when it is already the smallest amount.
    public static func steppedBack(_ work: Work) -> Work? {
        PainPolicy.reduced(work)
    }

    /// The usual starting pain: the (lower) median of the last `usualPainWindow` starting pains in
    /// `startingPains` (oldest first), or nil with fewer than `usualPainMinimumSessions` of them.
    /// The lower median errs toward calling a flare, which errs toward a gentler session.
    public static func usualPain(_ startingPains: [Int]) -> Int? {
        let recent = startingPains.suffix(usualPainWindow).sorted()
        guard recent.count >= usualPainMinimumSessions else { return nil }
        return recent[(recent.count - 1) / 2]
    }
}
