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
        /// An emergency red flag was answered yes (logged), now or earlier today.
        case emergency
        /// A same-day red flag was answered yes (logged), now or earlier today: no exercise today.
        case sameDay
        /// The person left one of the screens with q (nothing about a session was logged).
        case quit
        /// Gentle routines only (a history yes not yet assessed) but the catalog has none.
        case noGentleRoutine

        /// The line to print after the terminal is restored.
        var message: String {
            switch self {
            case .emergency:
                return "Seek emergency care now: call your local emergency number (911, 999 or 112) or go to an emergency department. No session today."
            case .sameDay:
                return "No exercise today: call your doctor or an urgent care service today to be seen. No session today."
            case .quit:
                return "No session started."
            case .noGentleRoutine:
                return "Please see a clinician soon. limber only offers a gentle (relief) routine until then, and the catalog has none."
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
        /// How far down the leg the pain reached before the session (store it with `PostSession.run`).
        var reachBefore: PainReach?
        /// The next-launch answer, when it was asked.
        var sinceLast: SinceLastAnswer?
        /// Check-in rows written by these screens; link them with `store.attachCheckIns(_:toSession:)`.
        var checkInIDs: [Int64]
        /// Plain lines worth showing or printing ("Today only the gentle routine: ...").
        var notes: [String]

        /// The plan for `SessionEngine(plan:)`.
        var plan: SessionPlan { prescription.plan }
        /// The worse of leg and back pain: the starting pain the flare rule used.
        var startingPain: Int { StartingPain.of(leg: legPainBefore, back: backPainBefore) ?? 0 }
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

    /// The checks before a session, then today's prescription. Each is asked only when it applies,
    /// and each takes one key on an ordinary day:
    /// 1. an emergency or same-day answer earlier today: shown again, with "have you been assessed
    ///    since?" (a logs the assessment and goes on; anything else stops);
    /// 2. the daily red-flag screen, once per local day ("is any of these new since yesterday?";
    ///    `skipScreen` logs a `skip_screen` check-in instead). Emergency and same-day answers stop;
    /// 3. the history check when none is on record in the last four weeks (at setup, too; also
    ///    with `skipScreen`, which skips only the daily screen); a yes
    ///    not yet assessed by a clinician asks each day "assessed since?" and otherwise keeps to
    ///    the gentle routine;
    /// 4. the next-day response, at the first launch 12+ hours after a session (`since_last`);
    ///    then the weekly outcome measures (PEG, PSFS) at the first session of a calendar week
    ///    (when `offerOutcomes`);
    /// 5. leg and back pain, 0-10 each; a starting pain of 7 or more offers the gentle routine first;
    /// 6. the prescription from the log (`Prescriber`), shown on the start screen when
    ///    `showPrescription` (Enter begins, q leaves; with `prescriptionAutoStart` it begins by
    ///    itself after that read, so no key is needed between the last question and the session).
    /// - Parameters:
    ///   - basePlan: the routine's default plan (`SessionPlan(routine:catalogLookup:)`).
    ///   - now: the wall-clock time used for the local day and the check-in rows.
    static func run(
        terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, catalog: Catalog,
        routine: Routine, basePlan: SessionPlan, skipScreen: Bool, showPrescription: Bool = true,
        prescriptionAutoStart: Duration? = nil, offerOutcomes: Bool = true, now: Date = Date(), zone: LocalZone = .system
    ) throws -> Result {
        let loop = RunLoop(terminal: terminal, clock: clock)
        let today = LogDates.day(of: now, in: zone)
        var checks = Checks(store: store, loop: loop, now: now, today: today)
        var routine = routine
        var basePlan = basePlan

        if let stop = try checks.redFlags(skipScreen: skipScreen) { return .stop(stop) }
        if checks.gentleOnly, routine.kind != .relief {
            guard let gentle = gentleRoutine(catalog, direction: try store.reliefDirection()) else { return .stop(.noGentleRoutine) }
            checks.notes.append("Today only the gentle routine (\(gentle.name)): please see a clinician soon.")
            routine = gentle
            basePlan = try SessionPlan(routine: gentle, catalogLookup: catalog.exercise)
        }

        // The next-day response, at the first launch 12+ hours after a session.
        var sinceLast: SinceLastAnswer?
        let lastAnswered = try store.checkIns(kind: .sinceLast).last?.at
        if NextDayResponse.isDue(lastSession: try store.lastSessionStart(), lastAnswered: lastAnswered, now: now) {
            var program = SinceLastProgram()
            loop.run(&program)
            guard let answer = program.answer else { return .stop(.quit) }
            sinceLast = answer
            checks.log(.sinceLast, answers: #"{"answer":"\#(answer.rawValue)"}"#, outcome: answer.rawValue)
            try checks.flush()
        }

        // The weekly outcome measures, at the first session of each calendar week (a skip is
        // logged and counts as the week's offer; q leaves as on every screen here). --skip-screen
        // skips today's questions, this one too (not logged: it is offered again next time).
        if offerOutcomes, !skipScreen, OutcomeSchedule.isDue(lastOffered: try store.lastOutcomeOffer(), now: now,
                                                utcOffset: zone.utcOffset(at:)) {
            guard let line = try OutcomeFlow.ask(terminal: terminal, clock: clock, store: store, now: now) else { return .stop(.quit) }
            checks.notes.append(line)
        }

        // Leg and back pain before.
        var pain = BodyPainProgram(moment: "before the session")
        loop.run(&pain)
        guard let (leg, back) = pain.result else { return .stop(.quit) }
        let startingPain = StartingPain.of(leg: leg, back: back) ?? 0
        var reach = PainReachProgram(moment: "before")
        loop.run(&reach)
        guard let reachBefore = reach.answer else { return .stop(.quit) }

        // A high starting pain: the gentle routine first (the person may keep their choice).
        if StartingPain.offersGentleFirst(startingPain), routine.kind != .relief, let gentle = gentleRoutine(catalog, direction: try store.reliefDirection()) {
            var offer = gentleOffer(pain: startingPain, chosen: routine, gentle: gentle)
            loop.run(&offer)
            guard let key = offer.answer?.key, key != "q" else { return .stop(.quit) }
            let takesGentle = key == "g"
            checks.log(.gentleOffer, answers: #"{"starting_pain":\#(startingPain),"routine":"\#(routine.id)"}"#,
                       outcome: takesGentle ? "gentle" : "kept")
            try checks.flush()
            if takesGentle {
                checks.notes.append("Starting pain \(startingPain): you chose the gentle routine (\(gentle.name)).")
                routine = gentle
                basePlan = try SessionPlan(routine: gentle, catalogLookup: catalog.exercise)
            }
        }

        // The prescription, from the log.
        let history = try store.pastSessions(limit: 200, zone: zone)
        let prescription = Prescriber.prescribe(
            base: basePlan, history: history, today: TodayCheckIn(sinceLast: sinceLast, startingPain: startingPain),
            catalog: catalog)
        if showPrescription {
            var screen = PrescriptionProgram(prescription: prescription, autoStart: prescriptionAutoStart, startingAt: clock.now())
            screen.suggestion = try stageSuggestion(
                routine: routine, prescription: prescription, store: store, catalog: catalog, now: now, zone: zone)?.reason
            loop.run(&screen)
            guard screen.result == .begin else { return .stop(.quit) }
        }
        return .proceed(Ready(
            routine: routine, prescription: prescription, legPainBefore: leg, backPainBefore: back,
            reachBefore: reachBefore, sinceLast: sinceLast, checkInIDs: checks.ids, notes: checks.notes))
    }

    /// The catalog's gentle routine for the person's direction of relief (``StagePolicy``):
    /// the matching relief routine, else `gentle-relief`, else the first relief routine.
    static func gentleRoutine(_ catalog: Catalog, direction: ReliefDirection?) -> Routine? {
        StagePolicy.reliefRoutine(for: direction, catalog: catalog)
    }

    /// "Starting pain 8: the gentle routine first?" g (or Enter) gentle · k keep the chosen one.
    static func gentleOffer(pain: Int, chosen: Routine, gentle: Routine) -> QuestionProgram {
        QuestionProgram(
            title: "high pain today",
            paragraphs: [
                "Your pain is \(pain) today (\(StartingPain.gentleFirstAt) or more).",
                "On a day like this the gentle routine (\(gentle.name)) is the better start. You may still do \(chosen.name).",
            ],
            answers: [.init(key: "g", label: "gentle routine"), .init(key: "k", label: "keep \(chosen.name)"), .init(key: "q", label: "quit")])
    }

    /// The red-flag part of the checks, with what it logged.
    struct Checks {
        let store: SessionStore
        let loop: TUIKit.RunLoop
        let now: Date
        let today: String
        /// Check-in rows written; link them to the session with `store.attachCheckIns`.
        var ids: [Int64] = []
        var notes: [String] = []
        /// Gentle routines only today (a history yes not yet assessed).
        var gentleOnly = false
        private var pending: [CheckInRow] = []

        init(store: SessionStore, loop: TUIKit.RunLoop, now: Date, today: String) {
            self.store = store
            self.loop = loop
            self.now = now
            self.today = today
        }

        mutating func log(_ kind: CheckInKind, answers: String, outcome: String) {
            pending.append(CheckInRow(at: now, day: today, kind: kind, answersJSON: answers, outcome: outcome))
        }

        /// Writes what was logged so far (each answer is on disk before the next screen).
        mutating func flush() throws {
            for row in pending { ids.append(try store.appendCheckIn(row)) }
            pending = []
        }

        /// Steps 1-3; a stop reason when no session may start.
        mutating func redFlags(skipScreen: Bool) throws -> StopReason? {
            let todays = try store.checkIns(day: today)
            let assessedToday = todays.last { $0.kind == .clinicianAssessed && $0.answersJSON.contains(#""about":"daily""#) }
            let lastDaily = todays.last { $0.kind == .redFlag }
            var dailyDone = false

            // 1. An emergency or same-day answer earlier today stays on record.
            if let lastDaily, let outcome = RedFlags.Outcome(rawValue: lastDaily.outcome),
               outcome == .emergency || outcome == .sameDay,
               assessedToday.map({ $0.at < lastDaily.at }) ?? true {
                let yes = Self.yes(in: lastDaily.answersJSON)
                var program = OnRecordProgram(outcome: outcome, yes: yes, at: LogDates.localDateTime(lastDaily.at))
                loop.run(&program)
                guard program.answer == .assessed else { return outcome == .emergency ? .emergency : .sameDay }
                log(.clinicianAssessed, answers: #"{"about":"daily","check_in":\#(lastDaily.id ?? 0)}"#, outcome: today)
                try flush()
                notes.append("You said a clinician has assessed this morning's answer (logged).")
                dailyDone = true
            } else if let lastDaily {
                // Answered today already; an older all-questions row that said see_clinician keeps
                // today gentle, as it did when it was written.
                dailyDone = true
                if lastDaily.outcome == RedFlags.Outcome.seeClinician.rawValue { gentleOnly = true }
            }

            // 2. The daily screen.
            if skipScreen {
                if !todays.contains(where: { $0.kind == .skipScreen }) {
                    log(.skipScreen, answers: #"{"option":"--skip-screen"}"#, outcome: "skipped")
                    try flush()
                }
                notes.append("Safety check skipped for today (--skip-screen); this is logged.")
            } else if !dailyDone {
                var program = RedFlagProgram()
                loop.run(&program)
                let result = program.result ?? .cancelled
                if result != .cancelled {
                    log(.redFlag, answers: PreSession.answersJSON(program.answers), outcome: program.outcome.rawValue)
                    try flush()
                }
                switch result {
                case .clear: break
                case .emergency: return .emergency
                case .sameDay: return .sameDay
                case .cancelled: return .quit
                }
            }

            // 3. The history check, when due; then a yes not yet assessed.
            let histories = try store.checkIns(kind: .historyCheck)
            let lastHistory = histories.last
            // Asked when due even with --skip-screen: that option skips today's questions ("new
            // since yesterday?"), while this check comes at setup and every 4 weeks and decides
            // whether only gentle routines are offered; skipping it every day would drop it for good.
            if HistoryCheck.isDue(lastCheck: lastHistory?.at, now: now) {
                var program = HistoryCheckProgram()
                loop.run(&program)
                guard program.result != .cancelled, program.result != nil else { return .quit }
                log(.historyCheck, answers: PreSession.answersJSON(program.answers), outcome: program.outcome.rawValue)
                try flush()
                if program.outcome == .seeClinician { gentleOnly = true }
                return nil
            }
            if let lastHistory, lastHistory.outcome == RedFlags.Outcome.seeClinician.rawValue {
                let assessed = try store.checkIns(kind: .clinicianAssessed)
                    .contains { $0.at >= lastHistory.at && $0.answersJSON.contains(#""about":"history""#) }
                if !assessed {
                    var question = PreSession.assessedQuestion(yes: Self.yes(in: lastHistory.answersJSON), on: lastHistory.day)
                    loop.run(&question)
                    switch question.answer?.key {
                    case "a":
                        log(.clinicianAssessed, answers: #"{"about":"history","check_in":\#(lastHistory.id ?? 0)}"#, outcome: today)
                        try flush()
                        notes.append("Logged: a clinician has assessed your health history answers (\(today)).")
                    case "g":
                        gentleOnly = true
                    default:
                        return .quit
                    }
                }
            }
            return nil
        }

        /// The ids answered yes in a stored `answers_json` (`{"fever":true,...}`).
        static func yes(in json: String) -> Set<String> {
            Set(RedFlags.all.map(\.id).filter { json.contains("\"\($0)\":true") })
        }
    }

    /// "Your health history check on 2026-03-01 had a yes: ... Has a clinician assessed it since?"
    static func assessedQuestion(yes: Set<String>, on day: String) -> QuestionProgram {
        let items = RedFlags.history.filter { yes.contains($0.id) }.map(\.listText).joined(separator: "; ")
        return QuestionProgram(
            title: "health history",
            paragraphs: [
                "On \(day) you answered yes to: \(items).",
                "Until a clinician has assessed it, limber offers only the gentle routine. Has a clinician assessed it since?",
            ],
            answers: [.init(key: "a", label: "yes, assessed"), .init(key: "g", label: "not yet: gentle routine"), .init(key: "q", label: "quit")])
    }

    /// The next stage after two steady weeks at the top, or the stage below on a flare day
    /// (`StagePolicy`), for the start screen.
    static func stageSuggestion(
        routine: Routine, prescription: Prescription, store: SessionStore, catalog: Catalog, now: Date, zone: LocalZone
    ) throws -> StageSuggestion? {
        StagePolicy.suggestion(
            for: routine, prescription: prescription, history: try store.datedPastSessions(zone: zone),
            catalog: catalog, direction: try store.reliefDirection(), now: now)
    }

    /// `{"saddle_numbness":false,...}` in the order of the questions (only those answered).
    static func answersJSON(_ answers: [String: Bool]) -> String {
        let items = RedFlags.all.compactMap { flag in answers[flag.id].map { "\"\(flag.id)\":\($0)" } }
        return "{" + items.joined(separator: ",") + "}"
    }
}

/// The check after a session: leg and back pain, 0-10 each, and where the pain reaches, stored
/// with the session (with where it reached before).
enum PostSession {
    /// Asks leg and back pain and the reach after the session and stores them on session
    /// `sessionID` (any status), with `reachBefore`.
    /// - Returns: the values, or nil when the person left with q (the reach before is still stored).
    @discardableResult
    static func run(
        terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, sessionID: Int64,
        reachBefore: PainReach? = nil
    ) throws -> (leg: Int, back: Int, reach: PainReach?)? {
        if let reachBefore { try store.updatePainReach(sessionID: sessionID, before: reachBefore) }
        let loop = RunLoop(terminal: terminal, clock: clock)
        var program = BodyPainProgram(moment: "after the session")
        loop.run(&program)
        guard let result = program.result else { return nil }
        try store.updateBodyPain(sessionID: sessionID, legAfter: result.leg, backAfter: result.back)
        var reach = PainReachProgram(moment: "after", before: reachBefore)
        loop.run(&reach)
        if let after = reach.answer { try store.updatePainReach(sessionID: sessionID, after: after) }
        return (result.leg, result.back, reach.answer)
    }
}
