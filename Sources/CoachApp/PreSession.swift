import MonotonicTime
import CoachPolicy
import TUIKit
import CoachUI
import ExerciseCatalog
import Foundation
import SessionEngine
import SessionLog

/// The checks around a session, in the order ``StartFlow`` runs them. Each function runs its
/// screens on the given terminal with `RunLoop` (the terminal stays set up; the caller restores it)
/// and logs what the person answered before returning:
///
/// 1. ``PreSession/welcomeIfFirstRun(terminal:clock:store:catalog:dataLocation:named:)`` before the
///    routine picker (it shows anything only on the very first run);
/// 2. ``PreSession/run(terminal:clock:store:catalog:routine:basePlan:skipScreen:)`` once the routine is
///    known and any resume was declined: the red flags, since-last, leg and back pain and today's
///    prescription. `.stop(reason)` means no session today: StartFlow prints `reason.message` after
///    restoring the terminal and exits with status 0 (an emergency answer is not a failure of
///    limber; what to do is on the screen and in that line). `.proceed(ready)` carries the plan;
///    the session row is written by the log sink when the first set is rated;
/// 3. ``PostSession/run(terminal:clock:store:sessionID:)`` after the summary: leg and back pain after.
enum PreSession {
    /// How the first-run welcome ended.
    enum WelcomeOutcome: Equatable {
        /// Something was logged before: no welcome was shown.
        case notFirstRun
        /// The person picked this routine on the welcome screen, with voice on or off.
        case chose(Routine, voice: Bool)
        /// The person left with q.
        case quit
    }

    /// Why no session starts.
    enum StopReason: Equatable {
        /// An emergency red flag was answered yes (logged).
        case emergency
        /// A see-a-clinician red flag was yes and the person chose not to go on today (logged).
        case declinedAfterRedFlag
        /// The person left one of the screens with q (nothing about a session was logged).
        case quit
        /// A see-a-clinician red flag was yes but the catalog has no gentle routine to offer.
        case noGentleRoutine

        /// The line to print after the terminal is restored.
        var message: String {
            switch self {
            case .emergency:
                return "Seek emergency care now: call your local emergency number (911, 999 or 112) or go to an emergency department. No session today."
            case .declinedAfterRedFlag:
                return "No session today. Please see a doctor or physiotherapist soon."
            case .quit:
                return "No session started."
            case .noGentleRoutine:
                return "Please see a clinician soon. limber only offers a gentle (relief) routine today, and the catalog has none."
            }
        }
    }

    /// Everything the session needs after the checks.
    struct Ready {
        /// The routine to run: the one asked for, or the gentle routine after a see-a-clinician answer.
        var routine: Routine
        /// Today's prescription (the plan and, per exercise, what changed and why).
        var prescription: Prescription
        /// Leg and back pain before the session (store them with `NewSession`).
        var legPainBefore: Int
        var backPainBefore: Int
        /// The next-launch answer, when it was asked.
        var sinceLast: SinceLastAnswer?
        /// Check-in rows written by these screens; link them with `store.attachCheckIns(_:toSession:)`.
        var checkInIDs: [Int64]
        /// Plain lines worth showing or printing ("Today only the gentle routine: ...").
        var notes: [String]

        /// The plan for `SessionEngine(plan:)`.
        var plan: SessionPlan { prescription.plan }
        /// The worse of leg and back pain: the starting pain the flare rule used.
        var startingPain: Int { max(legPainBefore, backPainBefore) }
    }

    /// What `run` decided.
    enum Result {
        case stop(StopReason)
        case proceed(Ready)
    }

    /// Shows the welcome when nothing was ever logged (no session, no check-in): what limber is,
    /// that it is not medical advice, where the data lives, and a choice of first routine
    /// (five-minute or gentle relief, whichever the catalog has; only `named` when the person
    /// named a routine on the command line).
    static func welcomeIfFirstRun(
        terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, catalog: Catalog,
        dataLocation: String, named: Routine? = nil, voice: Bool = false
    ) throws -> WelcomeOutcome {
        guard try store.isFirstRun() else { return .notFirstRun }
        // A routine named on the command line is the only one offered: the person already chose.
        var routines = named.map { [$0] } ?? ["five-minute", "gentle-relief"].compactMap(catalog.routine)
        if routines.isEmpty { routines = Array(catalog.routines.prefix(2)) }
        guard !routines.isEmpty else { return .notFirstRun }
        var program = WelcomeProgram(dataLocation: dataLocation, choices: routines.map {
            WelcomeProgram.Choice(routineID: $0.id, name: $0.name, summary: $0.summary)
        }, voice: voice)
        RunLoop(terminal: terminal, clock: clock).run(&program)
        if case .chose(let id)? = program.result, let routine = catalog.routine(id) { return .chose(routine, voice: program.voice) }
        return .quit
    }

    /// The checks before a session, then today's prescription:
    /// 1. the red-flag check, once per local day (skipped when a clear or see-a-clinician answer is
    ///    already logged for today; an earlier emergency answer asks again); `skipScreen` logs a
    ///    `skip_screen` check-in (once a day) instead of asking. An emergency answer is logged and
    ///    stops here; a see-a-clinician answer switches today's sessions to the gentle routine.
    /// 2. "since your last session, your pain is ..." when the last session started on an earlier day
    ///    (logged as `since_last`);
    /// 3. leg and back pain, 0-10 each;
    /// 4. the prescription from the log (`Prescriber`), shown on the start screen when
    ///    `showPrescription` (Enter begins, q leaves).
    /// - Parameters:
    ///   - basePlan: the routine's default plan (`SessionPlan(routine:catalogLookup:)`).
    ///   - now: the wall-clock time used for the local day and the check-in rows.
    static func run(
        terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, catalog: Catalog,
        routine: Routine, basePlan: SessionPlan, skipScreen: Bool, showPrescription: Bool = true,
        now: Date = Date(), timeZone: TimeZone = .current
    ) throws -> Result {
        let loop = RunLoop(terminal: terminal, clock: clock)
        let today = LogDates.day(of: now, timeZone: timeZone)
        var checkInIDs: [Int64] = []
        var notes: [String] = []
        var routine = routine
        var basePlan = basePlan

        // 1. Red flags, once a day.
        let todays = try store.checkIns(day: today)
        let lastRedFlag = todays.last { $0.kind == .redFlag }
        var gentleOnly = lastRedFlag?.outcome == RedFlags.Outcome.seeClinician.rawValue
        // Answered today (clear or see-a-clinician) counts for the rest of the day; an emergency
        // answer does not (ask again), and neither does an earlier --skip-screen (it was never answered).
        let alreadyChecked = lastRedFlag.map { $0.outcome != RedFlags.Outcome.emergency.rawValue } ?? false
        if skipScreen {
            if !todays.contains(where: { $0.kind == .skipScreen }) {
                checkInIDs.append(try store.appendCheckIn(CheckInRow(
                    at: now, day: today, kind: .skipScreen, answersJSON: #"{"option":"--skip-screen"}"#, outcome: "skipped")))
            }
            notes.append("Safety check skipped for today (--skip-screen); this is logged.")
        } else if !alreadyChecked {
            var program = RedFlagProgram()
            loop.run(&program)
            let result = program.result ?? .cancelled
            if result != .cancelled {
                checkInIDs.append(try store.appendCheckIn(CheckInRow(
                    at: now, day: today, kind: .redFlag, answersJSON: answersJSON(program.answers),
                    outcome: program.outcome.rawValue)))
            }
            switch result {
            case .clear: break
            case .emergency: return .stop(.emergency)
            case .cancelled: return .stop(.quit)
            case .seeClinician(let continueGently):
                guard continueGently else { return .stop(.declinedAfterRedFlag) }
                gentleOnly = true
            }
        }
        if gentleOnly, routine.kind != .relief {
            guard let gentle = StagePolicy.reliefRoutine(for: try store.reliefDirection(), catalog: catalog) else {
                return .stop(.noGentleRoutine)
            }
            notes.append("Today only the gentle routine (\(gentle.name)): please see a clinician soon.")
            routine = gentle
            basePlan = try SessionPlan(routine: gentle, catalogLookup: catalog.exercise)
        }

        // 2. Since the last session, when it was on an earlier day.
        var sinceLast: SinceLastAnswer?
        if let last = try store.lastSessionStart(), LogDates.day(of: last, timeZone: timeZone) < today {
            var program = SinceLastProgram()
            loop.run(&program)
            guard let answer = program.answer else { return .stop(.quit) }
            sinceLast = answer
            checkInIDs.append(try store.appendCheckIn(CheckInRow(
                at: now, day: today, kind: .sinceLast, answersJSON: #"{"answer":"\#(answer.rawValue)"}"#,
                outcome: answer.rawValue)))
        }

        // 3. Leg and back pain before.
        var pain = BodyPainProgram(moment: "before the session")
        loop.run(&pain)
        guard let (leg, back) = pain.result else { return .stop(.quit) }

        // 4. The prescription, from the log.
        let history = try store.pastSessions(limit: 200, timeZone: timeZone)
        let prescription = Prescriber.prescribe(
            base: basePlan, history: history, today: TodayCheckIn(sinceLast: sinceLast, startingPain: max(leg, back)),
            catalog: catalog)
        if showPrescription {
            var screen = PrescriptionProgram(prescription: prescription)
            screen.suggestion = try stageSuggestion(
                routine: routine, prescription: prescription, store: store, catalog: catalog, now: now, timeZone: timeZone)?.reason
            loop.run(&screen)
            guard screen.result == .begin else { return .stop(.quit) }
        }
        return .proceed(Ready(
            routine: routine, prescription: prescription, legPainBefore: leg, backPainBefore: back,
            sinceLast: sinceLast, checkInIDs: checkInIDs, notes: notes))
    }

    /// The next stage after two steady weeks at the top, or the stage below on a flare day
    /// (`StagePolicy`), for the start screen.
    static func stageSuggestion(
        routine: Routine, prescription: Prescription, store: SessionStore, catalog: Catalog, now: Date, timeZone: TimeZone
    ) throws -> StageSuggestion? {
        StagePolicy.suggestion(
            for: routine, prescription: prescription, history: try store.datedPastSessions(timeZone: timeZone),
            catalog: catalog, direction: try store.reliefDirection(), now: now)
    }

    /// `{"saddle_numbness":false,...}` in the order of the questions (only those answered).
    static func answersJSON(_ answers: [String: Bool]) -> String {
        let items = RedFlags.all.compactMap { flag in answers[flag.id].map { "\"\(flag.id)\":\($0)" } }
        return "{" + items.joined(separator: ",") + "}"
    }
}

/// The check after a session: leg and back pain, 0-10 each, stored with the session.
enum PostSession {
    /// Asks leg and back pain after the session and stores them on session `sessionID` (any status).
    /// - Returns: the two values, or nil when the person left with q (nothing stored).
    @discardableResult
    static func run(
        terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, sessionID: Int64
    ) throws -> (leg: Int, back: Int)? {
        var program = BodyPainProgram(moment: "after the session")
        RunLoop(terminal: terminal, clock: clock).run(&program)
        guard let result = program.result else { return nil }
        try store.updateBodyPain(sessionID: sessionID, legAfter: result.leg, backAfter: result.back)
        return result
    }
}
