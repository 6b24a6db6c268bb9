import CoachPolicy
import ExerciseCatalog
import MonotonicTime

/// Something that happened to the person, with the monotonic instant it happened at.
///
/// The engine reads no clock: every event carries `now`, and `.tick` exists only to let time pass
/// (send one at `SessionEngine.nextVisibleChange(after:)`). Events that do not apply to the
/// current phase are ignored, so the UI can forward every key without checking.
public enum SessionEvent: Sendable, Hashable {
    /// Begin the session (shows the check-in, or the first exercise when resuming without one).
    case start(now: Instant)
    /// Time passed; expires whatever deadlines are due.
    case tick(now: Instant)
    /// Enter: confirm the pain value, begin an exercise, start now instead of counting down,
    /// finish a self-paced or tempo set, finish a hold early, skip the rest, dismiss a notice.
    case confirm(now: Instant)
    /// Space: one more rep in a self-paced set (up to twice the target; more are ignored).
    case countRep(now: Instant)
    /// u: take back the last rep counted in a self-paced set.
    case undoRep(now: Instant)
    /// Any other key on an intro: stop its automatic start (Enter then begins).
    case holdIntro(now: Instant)
    /// p: pause, or resume with every countdown's remainder intact.
    case togglePause(now: Instant)
    /// s: skip the rest of this exercise (logged as skipped). Ignored at a pain prompt: rate first.
    case skipExercise(now: Instant)
    /// q then y: end now; every rated set is already logged.
    case endEarly(now: Instant)
    /// The same as `endEarly` (the name the quit dialog uses).
    case quitConfirmed(now: Instant)
    /// The one-key answer at a pain prompt: a digit 0-9, or 10 (the `t` key). It is committed at
    /// once, as Enter would commit it; values outside 0...10 are ignored.
    case painDigit(Int, now: Instant)
    /// A pain value chosen directly (a click, a test); out-of-range values are ignored.
    case painSet(Int, now: Instant)
    /// Arrow keys or +/-: move the pain value by this step, clamped to 0...10.
    case painAdjust(Int, now: Instant)
    /// l: mark or unmark "it spread further down my leg" at a pain prompt after a set.
    case toggleSpread(now: Instant)
    /// b: mark or unmark "it moved up toward my back" at a pain prompt after a set.
    case toggleTowardBack(now: Instant)
    /// The one-key answer to "why skip?" after s during a set.
    case skipReason(SkipReason, now: Instant)

    /// The instant the event happened.
    public var now: Instant {
        switch self {
        case .start(let now), .tick(let now), .confirm(let now), .countRep(let now),
             .undoRep(let now), .holdIntro(let now), .togglePause(let now), .skipExercise(let now), .endEarly(let now),
             .quitConfirmed(let now), .toggleSpread(let now), .toggleTowardBack(let now):
            return now
        case .skipReason(_, let now):
            return now
        case .painDigit(_, let now), .painSet(_, let now), .painAdjust(_, let now):
            return now
        }
    }
}

/// What the engine asks the outside world to do; it does no I/O itself.
public enum SessionEffect: Sendable, Hashable {
    /// The day's starting pain was given; log it with the session.
    case logCheckIn(pain: Int)
    /// A set (or one side of it) was rated: write it durably before drawing the next screen.
    case logSet(SetRecord)
    /// The person skipped the rest of an exercise.
    case logSkip(SkipRecord)
    /// The session is over (completed, ended early or ended by the policy).
    case logSessionEnd(SessionEndRecord)
    /// Sound a cue (the terminal bell, unless quiet).
    case cue(Cue)
}

/// Moments worth a sound or a spoken line, for a person who is on the mat and not looking at the
/// screen. The engine only says *what* happened; the app decides how it sounds (a tone, the
/// terminal bell, a spoken sentence) and whether (quiet, voice off).
public enum Cue: Sendable, Hashable {
    /// An exercise's intro is on screen: its name and today's dose.
    case introduce(exercise: Exercise, dose: Dose)
    /// A get-ready countdown began before a set on `side`.
    case getReady(side: BodySide)
    /// The first side is done: change to `to`, with its own get-ready countdown.
    case switchSides(to: BodySide)
    /// This many whole seconds are left of a get-ready countdown (3, 2, 1).
    case countIn(Int)
    /// A timed hold just started.
    case holdStart
    /// `limber timer` started a countdown of `seconds`, with the person's label (nil: none).
    case timerStart(label: String?, seconds: Int)
    /// A rep set just started, after its get-ready countdown; `guided` when limber counts the tempo.
    case repsStart(target: Int, guided: Bool)
    /// A tempo phase began (up, hold or down) of rep `rep`.
    case tempo(TempoPhase, rep: Int)
    /// This many whole seconds are left of a hold (3, 2, 1).
    case lastSeconds(Int)
    /// A hold or a tempo set ran to its end by itself (not sounded when the person pressed Enter).
    case setDone
    /// The pain question after a set is on screen.
    case ratePain
    /// A rest between sets began.
    case rest(seconds: Int)
    /// A rest ran out (not sounded when the person skipped it).
    case restEnd
    /// The session reached its summary.
    case sessionOver(SessionStatus)
}

/// The lengths a person may choose (the settings file): get-ready countdowns and the intro's
/// automatic start. The engine only reads them; it never reads a clock or a file.
public struct SessionOptions: Sendable, Hashable {
    /// Every get-ready countdown but the first, and the side switch.
    public var getReady: Duration
    /// The first get-ready of a session (long enough to get down onto the floor).
    public var firstGetReady: Duration
    /// How long an intro stays before the get-ready starts by itself; nil waits for Enter.
    public var introAutoAdvance: Duration?

    public init(getReady: Duration = .seconds(5), firstGetReady: Duration = .seconds(15),
                introAutoAdvance: Duration? = .seconds(10)) {
        self.getReady = getReady
        self.firstGetReady = firstGetReady
        self.introAutoAdvance = introAutoAdvance
    }

    /// The defaults limber ships with.
    public static let standard = SessionOptions()
}

/// An exercise the person skipped (with `s`).
public struct SkipRecord: Sendable, Hashable {
    public var planIndex: Int
    public var exerciseID: String
    public var exerciseName: String
    /// Sets (sides counted separately) rated before the skip.
    public var setsRated: Int
    /// Sets (sides counted separately) the exercise still had to go.
    public var setsLeft: Int
    /// Why, when the skip came during a set (asked in one key); nil between sets.
    public var reason: SkipReason?

    public init(planIndex: Int, exerciseID: String, exerciseName: String, setsRated: Int, setsLeft: Int, reason: SkipReason? = nil) {
        self.reason = reason
        self.planIndex = planIndex
        self.exerciseID = exerciseID
        self.exerciseName = exerciseName
        self.setsRated = setsRated
        self.setsLeft = setsLeft
    }
}

/// The end of a session, as the log keeps it and the summary screen shows it.
public struct SessionEndRecord: Sendable, Hashable {
    /// How it ended: `completed`, `endedEarly` or `endedByPolicy`.
    public var outcome: SessionStatus
    /// The check-in pain, when one was given.
    public var painBefore: Int?
    /// The last pain rating of the session, when any set was rated.
    public var painAfter: Int?
    /// Rated sets (each side counts), including any from before a resume.
    public var setsDone: Int
    /// Sets the plan asked for (each side counts), before any adjustment.
    public var setsPlanned: Int
    /// Time spent in the session, pauses excluded.
    public var activeTime: Duration
    /// Ids of exercises the person skipped.
    public var skippedExerciseIDs: [String]
    /// Ids of exercises the policy stopped (spread or pain 8+).
    public var stoppedExerciseIDs: [String]

    public init(
        outcome: SessionStatus, painBefore: Int?, painAfter: Int?, setsDone: Int, setsPlanned: Int,
        activeTime: Duration, skippedExerciseIDs: [String], stoppedExerciseIDs: [String]
    ) {
        self.outcome = outcome
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.setsDone = setsDone
        self.setsPlanned = setsPlanned
        self.activeTime = activeTime
        self.skippedExerciseIDs = skippedExerciseIDs
        self.stoppedExerciseIDs = stoppedExerciseIDs
    }
}
