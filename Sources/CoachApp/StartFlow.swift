import CoachPolicy
import CoachUI
import ExerciseCatalog
import Foundation
import MonotonicTime
import SessionEngine
import SessionLog
import Terminal
import TUIKit

/// `limber start`: everything from the terminal check to the line printed at the end, so the
/// command itself only parses its options.
public struct StartFlow {
    /// The routine named on the command line; nil: the picker (or the first-run welcome).
    public var routine: String?
    /// No sounds and no voice.
    public var quiet: Bool
    /// `--voice` / `--no-voice` for this session; nil: the `voice` setting.
    public var voice: Bool?
    /// `--skip-screen`: skip today's red-flag questions (logged).
    public var skipScreen: Bool
    /// `--data-dir`, `--catalog`, `--no-color`.
    public var dataDir: String?
    public var catalogOption: String?
    public var noColor: Bool

    public init(routine: String?, quiet: Bool, voice: Bool? = nil, skipScreen: Bool, dataDir: String?,
                catalogOption: String?, noColor: Bool) {
        self.routine = routine
        self.quiet = quiet
        self.voice = voice
        self.skipScreen = skipScreen
        self.dataDir = dataDir
        self.catalogOption = catalogOption
        self.noColor = noColor
    }

    /// Runs `limber start` to its end: the checks, the session, the questions after it.
    public func run() throws {
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber start needs an interactive terminal: run it in a terminal window (for scripts, `limber history` prints the log)")
        }
        try TerminalSupport.checkTerminalType()
        let environment = ProcessInfo.processInfo.environment
        let timeScale = try StartFlow.timeScale(environment["LIMBER_TIME_SCALE"])
        let settingsFile = SettingsFile.location(environment: environment)
        let settings = try CommandError.wrapping { try settingsFile.load() }
        let catalog = CatalogSupport.load(catalogOption: catalogOption)
        var chosenRoutine: Routine?
        if let routine {
            do {
                chosenRoutine = try catalog.requireRoutine(routine)
            } catch {
                throw CommandError(error.description)
            }
        } else if let id = settings.defaultRoutine {
            // `limber` alone starts the default routine without the picker.
            guard let routine = catalog.routine(id) else {
                throw CommandError("default_routine = \"\(id)\" in \(settingsFile.url.path) is not in the catalog; "
                                   + "see `limber routines`, or `limber config unset default_routine`")
            }
            chosenRoutine = routine
        } else if catalog.routines.isEmpty {
            throw CommandError("no routines in the catalog — check it with `limber catalog check`")
        }
        let folder = DataLocation.resolve(option: dataDir, environment: environment)
        try DataLocation.ensureFolder(folder)
        // One session per data folder: held from here to the end of the process, before anything
        // looks at (or marks interrupted) the sessions another running limber is writing.
        let sessionLock: SessionLock
        switch try SessionLock.acquire(in: folder) {
        case .acquired(let lock):
            sessionLock = lock
        case .heldElsewhere(let holder):
            try StartFlow.offerReviewOnly(holder: holder, folder: folder, noColor: noColor, environment: environment)
            return
        }
        defer { sessionLock.release() }
        let store = try SessionStore(folder: folder)
        let resumable = try StartFlow.closeUnfinishedSessions(store: store)

        let clock = ScaledClock(base: SystemMonotonicClock(), factor: timeScale)
        var (cues, voiceNotice) = CoachCues.make(settings: settings, quiet: quiet, voice: voice, environment: environment)
        // Said once, before the terminal is taken: the full-screen session uses the terminal's
        // other screen, so the line is there again when the session ends.
        if let voiceNotice { printToStderr(voiceNotice) }
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        var outcome: String?
        // Lines printed with the outcome (voice chosen on the welcome without espeak-ng).
        var outcomeNotes: [String] = []
        defer {
            cues?.finish()
            terminal.restore()
            if let outcome { print((outcomeNotes + [outcome]).joined(separator: "\n")) }
        }
        let options = settings.sessionOptions
        var weeklyTarget = settings.weeklyTarget
        let loop = TUIKit.RunLoop(terminal: terminal, clock: clock)

        // An interrupted session from today: offer to continue it where it stopped.
        if let resumable, let plan = PlanSnapshot(json: resumable.session.planJSON)?.plan(catalog: catalog),
           let point = SessionResume.resumePoint(for: resumable, plan: plan) {
            var question = StartFlow.resumeQuestion(resumable, plan: plan, point: point)
            loop.run(&question)
            switch question.answer?.key {
            case "r":
                try store.reopenSession(id: resumable.session.id)
                let sink = SessionLogSink(store: store, plan: plan, resumingSessionID: resumable.session.id)
                outcome = try StartFlow.runSession(
                    engine: SessionEngine(plan: plan, resumingAt: point, options: options), sink: sink, loop: loop,
                    clock: clock, cues: cues, store: store, terminal: terminal)
                return
            case "n":
                break
            default:
                return
            }
        }

        // The very first run: what limber is, where the data lives, and a first routine.
        switch try PreSession.welcomeIfFirstRun(terminal: terminal, clock: clock, store: store, catalog: catalog,
                                                dataLocation: folder.path, named: chosenRoutine, voice: voice ?? settings.voice) {
        case .notFirstRun: break
        case .chose(let routine, let voiceChosen):
            chosenRoutine = routine
            // The weekly plan, once: the review's adherence and `limber status` measure against it.
            var plan = WeeklyPlanProgram(current: weeklyTarget)
            loop.run(&plan)
            guard let days = plan.answer else { return }
            if days != weeklyTarget {
                try CommandError.wrapping { try settingsFile.set("weekly_target", to: "\(days)") }
                weeklyTarget = days
            }
            // "Hurt is not harm", once, before the first session.
            LearnFlow.show(terminal: terminal, clock: clock)
            // The welcome's voice answer is kept as the setting (and used from now on).
            if voiceChosen != (voice ?? settings.voice) || !FileManager.default.fileExists(atPath: settingsFile.url.path) {
                try CommandError.wrapping { try settingsFile.set("voice", to: voiceChosen ? "true" : "false") }
            }
            if voice == nil, voiceChosen != settings.voice {
                var updated = settings
                updated.voice = voiceChosen
                cues?.finish()
                (cues, voiceNotice) = CoachCues.make(settings: updated, quiet: quiet, voice: nil, environment: environment)
                if let voiceNotice { outcomeNotes.append(voiceNotice) }
            }
        case .quit: return
        }
        // Which way eases the leg: asked once (until answered), then `limber check direction`.
        var direction = try store.reliefDirection()
        if direction == nil { direction = try ReliefDirectionFlow.ask(terminal: terminal, clock: clock, store: store) }
        if chosenRoutine == nil {
            // The last routine in the log is preselected: Enter alone starts it again.
            let last = try store.sessions(limit: 1).first?.session.routineID
            var picker = RoutinePickerProgram(choices: StartFlow.choices(catalog, direction: direction), lastRoutineID: last,
                                              weekLine: WeeklyPlan.line(store: store, target: weeklyTarget))
            loop.run(&picker)
            guard let picked = picker.picked else { return }
            chosenRoutine = catalog.routine(picked.id)
        }
        guard let chosenRoutine else { return }
        let basePlan: SessionPlan
        do {
            basePlan = try SessionPlan(routine: chosenRoutine, catalogLookup: catalog.exercise)
        } catch {
            throw CommandError("\(error) — check it with `limber catalog check`")
        }

        // Red flags (once a day), since-last, leg and back pain, then today's prescription.
        switch try PreSession.run(terminal: terminal, clock: clock, store: store, catalog: catalog,
                                  routine: chosenRoutine, basePlan: basePlan, skipScreen: skipScreen,
                                  prescriptionAutoStart: options.introAutoAdvance) {
        case .stop(let reason):
            outcome = reason.message
        case .proceed(let ready):
            let sink = SessionLogSink(store: store, plan: ready.plan)
            sink.legPainBefore = ready.legPainBefore
            sink.backPainBefore = ready.backPainBefore
            sink.checkInIDs = ready.checkInIDs
            outcome = try StartFlow.runSession(
                engine: SessionEngine(plan: ready.plan, startingPain: ready.startingPain, options: options), sink: sink,
                loop: loop, clock: clock, cues: cues, store: store, terminal: terminal, reachBefore: ready.reachBefore)
            if !ready.notes.isEmpty, let line = outcome { outcome = (ready.notes + [line]).joined(separator: "\n") }
        }
    }

    /// Another limber holds this data folder's session lock: say where and since when, and offer
    /// only the review (reading the log is always safe while a session writes it).
    static func offerReviewOnly(holder: SessionLock.Holder?, folder: URL, noColor: Bool,
                                environment: [String: String]) throws {
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        defer { terminal.restore() }
        var question = StartFlow.sessionRunningQuestion(holder: holder, folder: folder)
        TUIKit.RunLoop(terminal: terminal, clock: SystemMonotonicClock()).run(&question)
        if question.answer?.key == "r" {
            ReviewFlow.browse(try SessionStore.open(forReadingIn: folder), in: terminal)
        }
    }

    static func sessionRunningQuestion(holder: SessionLock.Holder?, folder: URL, now: Date = Date()) -> QuestionProgram {
        var running = "A limber session is already running with this log"
        if let holder {
            running += " (since \(LogDates.localDateTime(holder.since))"
            if let terminal = holder.terminal { running += ", in terminal \(terminal)" }
            running += ", process \(holder.pid))"
        }
        return QuestionProgram(
            title: "session running",
            paragraphs: [
                running + ".",
                "Carry on there, or end it there with q; only one session at a time writes \(folder.path).",
                "You can look at your history meanwhile.",
            ],
            answers: [.init(key: "r", label: "review"), .init(key: "q", label: "quit")])
    }

    /// Runs one session to its summary, then asks leg and back pain after it; returns the line
    /// printed once the terminal is restored.
    static func runSession(
        engine: SessionEngine, sink: SessionLogSink, loop: TUIKit.RunLoop, clock: any MonotonicClock,
        cues: (any CuePlayer)?, store: SessionStore, terminal: any TerminalBackend, reachBefore: PainReach? = nil
    ) throws -> String {
        var program = SessionProgram(engine: engine, sink: sink, cuePlayer: cues, startingAt: clock.now())
        loop.run(&program)
        try? sink.retryUnsaved()
        if sink.unsavedCount > 0 {
            // Never "saved" while anything is not: say what was lost, so it can be noted by hand.
            return "NOT SAVED: \(sink.unsavedCount) of your rated sets could not be written to "
                + "\(store.databaseURL.path) (free some disk space before the next session):\n"
                + sink.unsavedDescription.map { "  " + $0 }.joined(separator: "\n")
        }
        guard let ending = sink.ending ?? program.engine.state.ending, let sessionID = sink.sessionID else {
            return "Nothing was logged: the session ended before the first set."
        }
        var after = ""
        if let body = try PostSession.run(terminal: terminal, clock: clock, store: store, sessionID: sessionID, reachBefore: reachBefore) {
            after = " Leg \(body.leg), back \(body.back) after."
            if let before = reachBefore, let reach = body.reach {
                after += " Pain reaches: \(before.plainText) → \(reach.plainText)"
                    + (PainReach.movement(from: before, to: reach).map { " (\($0))" } ?? "") + "."
            }
        }
        let before = ending.painBefore.map(String.init) ?? "–"
        let last = ending.painAfter.map(String.init) ?? "–"
        let how: String
        switch ending.outcome {
        case .completed: how = "completed"
        case .endedEarly: how = "ended early"
        case .endedByPolicy: how = "ended gently by the pain rules"
        case .inProgress, .interrupted: how = "stopped"  // the engine ends only as the three above
        }
        return "Saved: \(sink.plan.routineName), \(how), \(ending.setsDone) of \(ending.setsPlanned) sets, "
            + "pain \(before) → \(last).\(after) See `limber history`."
    }

    /// Marks every session left in progress as interrupted (a kill, a crash, a closed terminal)
    /// and returns the session to offer for resume: the latest session, when it started today and
    /// is interrupted. So a resume question left with q is asked again at the next start, while
    /// "new session" (a newer session row) puts it aside.
    static func closeUnfinishedSessions(store: SessionStore, now: Date = Date()) throws -> SessionWithSets? {
        for session in try store.unfinishedSessions() { try store.markInterrupted(id: session.session.id) }
        // The C library's local day: Calendar.current would load ICU before the first screen.
        let startOfToday = LocalTime.startOfDay(of: now)
        guard let latest = try store.latestInterrupted(since: startOfToday),
              let lastStart = try store.lastSessionStart(), latest.session.startedAt >= lastStart else { return nil }
        return latest
    }

    static func resumeQuestion(_ logged: SessionWithSets, plan: SessionPlan, point: ResumePoint) -> QuestionProgram {
        let time = LogDates.localDateTime(logged.session.startedAt)  // no ICU before the first screen
        let next = plan.exercises[point.exerciseIndex]
        var where_ = "Next: \(next.exercise.name), set \(point.setNumber)"
        if point.side != .both { where_ += " (\(point.side.rawValue))" }
        return QuestionProgram(
            title: "unfinished session",
            paragraphs: [
                "Your \(plan.routineName) session from \(time) did not finish: \(logged.sets.count) of \(logged.session.plannedSets) sets are saved.",
                where_ + ".",
                "Resume it where it stopped, or start a new session? The saved sets are kept either way.",
            ],
            answers: [.init(key: "r", label: "resume"), .init(key: "n", label: "new session"), .init(key: "q", label: "quit")])
    }

    /// Routines for the picker, shortest first. A relief routine biased toward one direction is
    /// listed only when the person said that direction eases the leg (not sure: the neutral ones).
    static func choices(_ catalog: Catalog, direction: ReliefDirection? = nil) -> [RoutineChoice] {
        catalog.routines
            .filter { $0.direction == .neutral || $0.direction == direction }
            .map { routine -> (routine: Routine, seconds: Int) in (routine, catalog.estimatedSeconds(of: routine)) }
            .sorted { $0.seconds != $1.seconds ? $0.seconds < $1.seconds : $0.routine.id < $1.routine.id }
            .map { entry -> RoutineChoice in
                RoutineChoice(id: entry.routine.id, name: entry.routine.name,
                              duration: TimingEstimate.roughMinutes(entry.seconds),
                              summary: entry.routine.summary, exerciseCount: entry.routine.items.count)
            }
    }

    /// LIMBER_TIME_SCALE: a number above 0 (1 when unset).
    public static func timeScale(_ text: String?) throws -> Double {
        guard let text, !text.isEmpty else { return 1 }
        guard let value = Double(text), value > 0, value.isFinite else {
            throw CommandError("LIMBER_TIME_SCALE must be a number above 0 (e.g. 10), got '\(text)'")
        }
        return value
    }
}
