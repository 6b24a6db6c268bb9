import MonotonicTime
import CoachPolicy
import ExerciseCatalog

/// Fixed lengths of the engine's own countdowns (the ones a person may choose are `SessionOptions`).
public enum SessionTiming {
    /// How long an adjustment notice stays before the session goes on by itself.
    public static let notice: Duration = .seconds(4)
    /// A hold (and a get-ready) cues each of its last this-many seconds.
    public static let lastSecondsCued = 3
}

/// Where a resumed session picks up, and what it already knows.
public struct ResumePoint: Sendable, Hashable {
    /// How a resumed session treats the day's check-in.
    public enum CheckIn: Sendable, Hashable {
        /// Ask again before continuing.
        case ask
        /// Continue without one (no "rise over the check-in" rule).
        case skip
        /// The pain given before the interruption.
        case alreadyGiven(Int)
    }

    /// The exercise to continue with (0-based plan index).
    public var exerciseIndex: Int
    /// The set to do next, 1-based.
    public var setNumber: Int
    /// The side to do next (ignored for exercises done on both sides at once).
    public var side: BodySide
    public var checkIn: CheckIn
    /// The sets rated before the interruption, as logged. They count toward the totals and the
    /// stop count; the last one at `exerciseIndex` sets the resumed dose (its `decision.nextDose`
    /// when known, otherwise no more than its target) and whether the easier variant is in use.
    public var completedSets: [SetRecord]

    public init(exerciseIndex: Int, setNumber: Int, side: BodySide, checkIn: CheckIn, completedSets: [SetRecord]) {
        self.exerciseIndex = exerciseIndex
        self.setNumber = setNumber
        self.side = side
        self.checkIn = checkIn
        self.completedSets = completedSets
    }
}

/// The guided session as a pure state machine: events in, state and effects out.
///
/// No I/O, no clock, no randomness: every event carries its `now`, every countdown is an absolute
/// deadline, and logging or bells are returned as `SessionEffect`s for the caller to carry out.
///
/// The order of a session: check-in, then for each exercise: intro, get ready, work, pain prompt,
/// (notice), and between sets rest then get ready again. For `sides: each`, set k is LEFT, pain,
/// "now the RIGHT side" countdown, RIGHT, pain, then rest. No rest after an exercise's last set.
/// The run loop sleeps until `nextVisibleChange(after:)` and sends `.tick` then:
///
///     var engine = SessionEngine(plan: plan)
///     perform(engine.handle(.start(now: clock.now)))
///     while !engine.state.isOver {
///         let wake = engine.nextVisibleChange(after: clock.now)   // nil: wait for a key only
///         let event = terminal.nextKey(until: wake).map { $0.event(now: clock.now) } ?? .tick(now: clock.now)
///         perform(engine.handle(event))        // write .logSet rows before drawing
///         draw(engine.state, at: clock.now)
///     }
public struct SessionEngine: Sendable {
    /// Everything the screens need.
    public private(set) var state: SessionState

    /// The latest instant seen; events that arrive with an earlier `now` are treated as happening
    /// at this one, so time never runs backwards inside the engine.
    private var latestNow: Instant?
    /// The smallest "last seconds" number already cued in the current hold (each rings once).
    private var lastSecondCued: Int?
    private let resumePoint: ResumePoint?
    /// The lengths the person chose.
    public let options: SessionOptions

    /// The day's starting pain when it was asked before the engine existed (the leg and back
    /// questions of the pre-session checks); the engine then does not ask again.
    private var presetCheckInPain: Int?

    /// A new session over `plan`, waiting for `.start`.
    public init(plan: SessionPlan, options: SessionOptions = .standard) {
        self.state = SessionState(plan: plan)
        self.resumePoint = nil
        self.options = options
    }

    /// A new session whose starting pain is already known: `.start` logs it as the check-in and
    /// goes straight to the first exercise.
    public init(plan: SessionPlan, startingPain: Int, options: SessionOptions = .standard) {
        self.init(plan: plan, options: options)
        self.presetCheckInPain = min(max(startingPain, 0), PainPrompt.maximum)
    }

    /// A session that continues an interrupted one from `resumePoint`, waiting for `.start`.
    public init(plan: SessionPlan, resumingAt resumePoint: ResumePoint, options: SessionOptions = .standard) {
        var state = SessionState(plan: plan)
        state.setRecords = resumePoint.completedSets
        state.stopCount = resumePoint.completedSets.filter { $0.decision.stopsExercise }.count
        state.lastDecision = resumePoint.completedSets.last?.decision
        if case .alreadyGiven(let pain) = resumePoint.checkIn { state.checkInPain = pain }
        self.state = state
        self.resumePoint = resumePoint
        self.options = options
    }

    // MARK: - Events

    /// Applies one event and returns what the caller must do (log, ring). Expired deadlines are
    /// handled first, each at its own deadline instant, so a late tick changes nothing about timing.
    public mutating func handle(_ event: SessionEvent) -> [SessionEffect] {
        let now = max(event.now, latestNow ?? event.now)
        latestNow = now
        var effects: [SessionEffect] = []

        if case .notStarted = state.phase {
            if case .start = event { start(at: now, into: &effects) }
            return effects
        }
        if state.isOver { return effects }

        expireDeadlines(upTo: now, into: &effects)
        // A due notice may have ended the session (the policy's second stop): the event that
        // arrived after that deadline has nothing left to act on.
        if state.isOver { return effects }

        if state.isPaused {
            // While paused only the deliberate keys act: resume, skip, end.
            switch event {
            case .togglePause: resume(at: now)
            case .skipExercise: skipExercise(at: now, into: &effects)
            case .endEarly, .quitConfirmed: endEarly(at: now, into: &effects)
            default: break
            }
            return effects
        }

        switch event {
        case .start, .tick: break
        case .confirm: confirm(at: now, into: &effects)
        case .countRep:
            if case .selfPacedReps(var progress) = state.phase, !progress.isAtMaximum {
                progress.counted += 1
                state.phase = .selfPacedReps(progress)
            }
        case .undoRep:
            if case .selfPacedReps(var progress) = state.phase, progress.counted > 0 {
                progress.counted -= 1
                state.phase = .selfPacedReps(progress)
            }
        case .holdIntro:
            if case .intro(.some) = state.phase { state.phase = .intro(nil) }
        case .togglePause: pause(at: now)
        case .skipExercise: skipExercise(at: now, into: &effects)
        case .endEarly, .quitConfirmed: endEarly(at: now, into: &effects)
        case .painDigit(let value, _):
            // One key answers: the value is committed at once, as Enter would commit it.
            guard (0...PainPrompt.maximum).contains(value), state.painPrompt != nil else { break }
            editPainPrompt { $0.set(value) }
            confirm(at: now, into: &effects)
        case .painSet(let value, _): editPainPrompt { $0.set(value) }
        case .painAdjust(let step, _):
            let startingValue = state.lastPain ?? state.checkInPain ?? 0
            editPainPrompt { $0.adjust(by: step, startingValue: startingValue) }
        case .toggleSpread: editPainPrompt { $0.toggleSpread() }
        case .toggleTowardBack: editPainPrompt { $0.toggleTowardBack() }
        case .skipReason(let reason, _): answerSkipReason(reason, at: now, into: &effects)
        }
        emitLastSecondsCue(at: now, into: &effects)
        return effects
    }

    /// The next instant at which anything on screen changes: the next whole-second boundary of the
    /// countdown on screen (hold, get ready, tempo phase, rest) or the deadline of a notice. Nil
    /// while paused or while waiting on the person (intro, self-paced reps, pain, summary).
    /// A value at or before `now` means a deadline is already due: send a `.tick` at once.
    public func nextVisibleChange(after now: Instant) -> Instant? {
        guard !state.isPaused, let countdown = state.phase.countdown else { return nil }
        if case .adjustmentNotice = state.phase { return countdown.deadline }
        return countdown.nextWholeSecondBoundary(after: now)
    }

    // MARK: - Start and the check-in

    private mutating func start(at now: Instant, into effects: inout [SessionEffect]) {
        state.activeSince = now
        let asksCheckIn: Bool
        if let resumePoint {
            if case .ask = resumePoint.checkIn { asksCheckIn = true } else { asksCheckIn = false }
        } else {
            asksCheckIn = true
        }
        if let presetCheckInPain {
            state.checkInPain = presetCheckInPain
            effects.append(.logCheckIn(pain: presetCheckInPain))
            beginFirstExercise(at: now, into: &effects)
        } else if asksCheckIn {
            state.phase = .checkIn(PainPrompt(completedWork: nil))
        } else {
            beginFirstExercise(at: now, into: &effects)
        }
    }

    private mutating func beginFirstExercise(at now: Instant, into effects: inout [SessionEffect]) {
        if let resumePoint {
            beginExercise(resumePoint.exerciseIndex, resumingFrom: resumePoint, at: now, into: &effects)
        } else {
            beginExercise(0, at: now, into: &effects)
        }
    }

    // MARK: - Enter

    private mutating func confirm(at now: Instant, into effects: inout [SessionEffect]) {
        switch state.phase {
        case .checkIn(let prompt):
            guard let pain = prompt.selection else { return }
            state.checkInPain = pain
            effects.append(.logCheckIn(pain: pain))
            beginFirstExercise(at: now, into: &effects)
        case .intro:
            beginGetReady(at: now, into: &effects)
        case .getReady, .sideSwitch:
            startWork(at: now, into: &effects)
        case .hold(let countdown):
            let heldSeconds = Int(countdown.elapsed(at: now).nanosecondsRounded / 1_000_000_000)
            finishWork(done: .seconds(heldSeconds), into: &effects)
        case .selfPacedReps(let progress):
            finishWork(done: .reps(progress.counted), into: &effects)
        case .tempoReps(let progress):
            finishWork(done: .reps(progress.completedReps), into: &effects)
        case .painPrompt(let prompt):
            guard let pain = prompt.selection else { return }
            rate(pain: pain, spreadDownLeg: prompt.spreadDownLeg, movedTowardBack: prompt.movedTowardBack, at: now, into: &effects)
        case .skipReason:
            answerSkipReason(.other, at: now, into: &effects)
        case .adjustmentNotice:
            continueAfterDecision(at: now, into: &effects)
        case .rest:
            beginGetReady(at: now, into: &effects)
        case .notStarted, .summary:
            break
        }
    }

    /// The get-ready before a set: the long one before the session's first work (getting down
    /// onto the floor), the usual one after that.
    private mutating func beginGetReady(at now: Instant, into effects: inout [SessionEffect]) {
        let length = state.workStarted ? options.getReady : options.firstGetReady
        lastSecondCued = nil
        state.phase = .getReady(Countdown(total: length, startingAt: now))
        effects.append(.cue(.getReady(side: state.side ?? .both)))
    }

    private mutating func editPainPrompt(_ edit: (inout PainPrompt) -> Void) {
        switch state.phase {
        case .checkIn(var prompt): edit(&prompt); state.phase = .checkIn(prompt)
        case .painPrompt(var prompt): edit(&prompt); state.phase = .painPrompt(prompt)
        default: break
        }
    }

    // MARK: - Exercises and sets

    /// Shows the intro of the exercise at `index`, or ends the session when none is left.
    private mutating func beginExercise(
        _ index: Int, resumingFrom resumePoint: ResumePoint? = nil, at now: Instant,
        into effects: inout [SessionEffect]
    ) {
        // A loop, not recursion: plans may (wrongly) hold exercises with zero sets, which are passed over.
        var index = index
        while index < state.plan.exercises.count, state.plan.exercises[index].dose.sets < 1 { index += 1 }
        guard index < state.plan.exercises.count else {
            state.current = nil
            finish(.completed, at: now, into: &effects)
            return
        }
        var progress = Self.progress(at: index, of: state.plan, replaying: resumePoint?.completedSets ?? [])
        if let resumePoint, resumePoint.exerciseIndex == index {
            progress.setNumber = min(max(1, resumePoint.setNumber), max(1, progress.dose.sets))
            progress.side = progress.exercise.sides == .each
                ? (resumePoint.side == .right ? .right : .left)
                : .both
        }
        state.current = progress
        state.phase = .intro(options.introAutoAdvance.map { Countdown(total: $0, startingAt: now) })
        effects.append(.cue(.introduce(exercise: progress.exercise, dose: progress.dose)))
    }

    /// The exercise at `index` as the logged sets left it: the dose, the variant and the sets
    /// rated. Every logged decision is replayed in order, not only the last: a set dropped or a
    /// cut made by an earlier rating stays dropped (volume never rises, not even across a resume).
    static func progress(at index: Int, of plan: SessionPlan, replaying records: [SetRecord]) -> ExerciseProgress {
        let planned = plan.exercises[index]
        var progress = ExerciseProgress(
            planIndex: index, planned: planned, exercise: planned.exercise, dose: planned.dose,
            setNumber: 1, side: planned.exercise.sides.firstSide, isEasierVariant: false, setsRated: 0)
        for record in records where record.planIndex == index {
            progress.setsRated += 1
            if let easier = planned.easierVariant, !progress.isEasierVariant,
               record.exerciseID == easier.id || record.decision.switchedToID == easier.id {
                progress.exercise = easier
                progress.isEasierVariant = true
                progress.dose = PainPolicy.easierDose(for: easier, current: progress.dose, planned: planned.dose)
            }
            if let next = record.decision.nextDose {
                progress.dose = next
            } else if record.target.amount < progress.dose.work.amount, record.exerciseID == progress.exercise.id {
                // Without a logged next dose, continue at no more than that set's target.
                progress.dose.work = progress.dose.work.with(amount: record.target.amount)
            }
            progress.setNumber = record.setNumber
            progress.side = record.side
        }
        return progress
    }

    /// Where a session goes after a rated set: the same rule for a running session and a resume.
    enum NextStep: Equatable {
        case endSession, nextExercise, otherSide, nextSet
    }

    static func nextStep(after action: Adjustment?, in progress: ExerciseProgress) -> NextStep {
        switch action {
        case .endSession?: return .endSession
        case .stopExercise?: return .nextExercise
        default:
            if progress.exercise.sides == .each && progress.side == .left { return .otherSide }
            if progress.setNumber < progress.dose.sets { return .nextSet }
            return .nextExercise
        }
    }

    /// Where an interrupted session continues, from its logged sets alone (in logged order) and
    /// the last plan position skipped: after the last set or skip, by the same rule a running
    /// session follows. Nil when nothing is left to do (or the policy had ended the session).
    public static func resumePoint(
        plan: SessionPlan, completedSets: [SetRecord], lastSkippedPosition: Int?, checkIn: ResumePoint.CheckIn
    ) -> ResumePoint? {
        var index = 0, setNumber = 1, side: BodySide? = nil
        if let skipped = lastSkippedPosition, skipped >= (completedSets.last?.planIndex ?? -1) {
            index = skipped + 1
        } else if let last = completedSets.last, plan.exercises.indices.contains(last.planIndex) {
            let progress = progress(at: last.planIndex, of: plan, replaying: completedSets)
            switch nextStep(after: last.decision.action, in: progress) {
            case .endSession: return nil
            case .nextExercise: index = last.planIndex + 1
            case .otherSide: (index, setNumber, side) = (last.planIndex, last.setNumber, .right)
            case .nextSet: (index, setNumber) = (last.planIndex, last.setNumber + 1)
            }
            if side == nil, index == last.planIndex { side = progress.exercise.sides.firstSide }
        } else if let last = completedSets.last {
            index = last.planIndex + 1
        }
        guard index < plan.exercises.count else { return nil }
        return ResumePoint(exerciseIndex: index, setNumber: setNumber,
                           side: side ?? plan.exercises[index].exercise.sides.firstSide,
                           checkIn: checkIn, completedSets: completedSets)
    }

    /// Starts the work of the current set at `start` (the get-ready deadline, or Enter).
    private mutating func startWork(at start: Instant, into effects: inout [SessionEffect]) {
        guard let current = state.current else { return }
        state.workStarted = true
        switch current.dose.work {
        case .seconds(let seconds):
            lastSecondCued = nil
            state.phase = .hold(Countdown(total: .seconds(max(0, seconds)), startingAt: start))
            effects.append(.cue(.holdStart))
        case .reps(let reps):
            let guided = current.exercise.tempo.map { $0.repSeconds > 0 } ?? false
            effects.append(.cue(.repsStart(target: reps, guided: guided)))
            if let tempo = current.exercise.tempo, guided {
                guard reps > 0 else { return finishWork(done: .reps(0), into: &effects) }
                let firstPhase = TempoPhase.allCases.first { $0.seconds(in: tempo) > 0 }!
                effects.append(.cue(.tempo(firstPhase, rep: 1)))
                state.phase = .tempoReps(TempoProgress(
                    tempo: tempo, rep: 1, target: reps, phase: firstPhase,
                    phaseCountdown: Countdown(total: .seconds(firstPhase.seconds(in: tempo)), startingAt: start)))
            } else {
                state.phase = .selfPacedReps(RepProgress(counted: 0, target: reps))
            }
        }
    }

    /// The set's work is over: ask for the pain. A safe answer (0-3, no spread mark) to the
    /// previous set or side of this same exercise is offered again, for Enter alone to keep.
    private mutating func finishWork(done: Work, into effects: inout [SessionEffect]) {
        guard let current = state.current else { return }
        let previous = state.setRecords.last.flatMap { $0.planIndex == current.planIndex ? $0 : nil }
        let offered = previous.flatMap { !$0.spreadDownLeg && $0.pain <= PainPrompt.preselectUpTo ? $0.pain : nil }
        state.phase = .painPrompt(PainPrompt(
            completedWork: CompletedWork(target: current.dose.work, done: done), preselected: offered))
        effects.append(.cue(.ratePain))
    }

    /// Records the rating, applies the policy, logs the set, and moves on.
    private mutating func rate(pain: Int, spreadDownLeg: Bool, movedTowardBack: Bool, at now: Instant, into effects: inout [SessionEffect]) {
        guard var current = state.current, let completed = state.painPrompt?.completedWork else { return }
        let situation = PainPolicy.Situation(
            exercise: current.exercise, dose: current.dose, plannedDose: current.planned.dose,
            easierVariant: current.isEasierVariant ? nil : current.planned.easierVariant,
            setNumber: current.setNumber, side: current.side,
            checkInPain: state.checkInPain, stopsSoFar: state.stopCount)
        let decision = PainPolicy.decide(pain: pain, spreadDownLeg: spreadDownLeg, movedTowardBack: movedTowardBack, in: situation)
        let record = SetRecord(
            planIndex: current.planIndex, exerciseID: current.exercise.id, exerciseName: current.exercise.name,
            plannedExerciseID: current.planned.exercise.id, side: current.side, setNumber: current.setNumber,
            target: completed.target, done: completed.done, pain: pain, spreadDownLeg: spreadDownLeg,
            movedTowardBack: movedTowardBack, decision: decision)
        effects.append(.logSet(record))
        state.setRecords.append(record)
        state.lastDecision = decision

        current.setsRated += 1
        if decision.action == .switchEasier, let easier = situation.easierVariant {
            current.exercise = easier
            current.isEasierVariant = true
        }
        if let next = decision.nextDose { current.dose = next }
        if decision.stopsExercise { state.stopCount += 1 }
        state.current = current

        if decision.deservesNotice {
            state.phase = .adjustmentNotice(decision, Countdown(total: SessionTiming.notice, startingAt: now))
        } else {
            continueAfterDecision(at: now, into: &effects)
        }
    }

    /// After a rating (and its notice): the other side, rest and the next set, the next exercise,
    /// or the end.
    private mutating func continueAfterDecision(at now: Instant, into effects: inout [SessionEffect]) {
        guard var current = state.current else { return }
        switch Self.nextStep(after: state.lastDecision?.action, in: current) {
        case .endSession:
            finish(.endedByPolicy, at: now, into: &effects)
        case .nextExercise:
            beginExercise(current.planIndex + 1, at: now, into: &effects)
        case .otherSide:
            current.side = .right
            state.current = current
            lastSecondCued = nil
            state.phase = .sideSwitch(to: .right, Countdown(total: options.getReady, startingAt: now))
            effects.append(.cue(.switchSides(to: .right)))
        case .nextSet:
            current.setNumber += 1
            current.side = current.exercise.sides.firstSide
            state.current = current
            if current.dose.rest > 0 {
                state.phase = .rest(Countdown(total: .seconds(current.dose.rest), startingAt: now))
                effects.append(.cue(.rest(seconds: current.dose.rest)))
            } else {
                beginGetReady(at: now, into: &effects)
            }
        }
    }

    private mutating func skipExercise(at now: Instant, into effects: inout [SessionEffect]) {
        guard let current = state.current else { return }
        switch state.phase {
        case .painPrompt, .checkIn, .notStarted, .summary:
            return  // rate the set first: every done set gets its pain
        case .adjustmentNotice(let decision, _) where decision.stopsExercise:
            return  // the exercise is already over
        case .skipReason:
            return  // waiting for the reason
        case .hold(let countdown):
            // Mid-set: ask why first (stopping is the natural reaction to spreading symptoms).
            let held = Int(countdown.elapsed(at: now).nanosecondsRounded / 1_000_000_000)
            if state.isPaused { resume(at: now) }
            state.phase = .skipReason(CompletedWork(target: current.dose.work, done: .seconds(held)))
            return
        case .selfPacedReps(let progress):
            if state.isPaused { resume(at: now) }
            state.phase = .skipReason(CompletedWork(target: current.dose.work, done: .reps(progress.counted)))
            return
        case .tempoReps(let progress):
            if state.isPaused { resume(at: now) }
            state.phase = .skipReason(CompletedWork(target: current.dose.work, done: .reps(progress.completedReps)))
            return
        default:
            break
        }
        recordSkip(reason: nil, at: now, into: &effects)
    }

    /// The answer to "why skip?": the skip is logged with it; too painful and spread count as a
    /// rating would (the exercise is stopped by the policy, and a second stop ends the session).
    private mutating func answerSkipReason(_ reason: SkipReason, at now: Instant, into effects: inout [SessionEffect]) {
        guard case .skipReason = state.phase, let current = state.current else { return }
        guard let rating = reason.countsAsRating else {
            recordSkip(reason: reason, at: now, into: &effects)
            return
        }
        let situation = PainPolicy.Situation(
            exercise: current.exercise, dose: current.dose, plannedDose: current.planned.dose, easierVariant: nil,
            setNumber: current.setNumber, side: current.side, checkInPain: state.checkInPain, stopsSoFar: state.stopCount)
        var decision = PainPolicy.decide(pain: rating.pain, spreadDownLeg: rating.spreadDownLeg, in: situation)
        decision.reason = "Skipped: \(reason.plainText), which counts like a rating. " + decision.reason
        appendSkip(reason: reason, setsLeftIncludingCurrent: true, into: &effects)
        state.stopCount += 1
        state.lastDecision = decision
        state.phase = .adjustmentNotice(decision, Countdown(total: SessionTiming.notice, startingAt: now))
    }

    private mutating func recordSkip(reason: SkipReason?, at now: Instant, into effects: inout [SessionEffect]) {
        guard let current = state.current else { return }
        appendSkip(reason: reason, setsLeftIncludingCurrent: !isNotice, into: &effects)
        if state.isPaused { resume(at: now) }
        beginExercise(current.planIndex + 1, at: now, into: &effects)
    }

    private var isNotice: Bool {
        if case .adjustmentNotice = state.phase { return true }
        return false
    }

    private mutating func appendSkip(reason: SkipReason?, setsLeftIncludingCurrent: Bool, into effects: inout [SessionEffect]) {
        guard let current = state.current else { return }
        let record = SkipRecord(
            planIndex: current.planIndex, exerciseID: current.exercise.id, exerciseName: current.exercise.name,
            setsRated: current.setsRated, setsLeft: current.setsLeft(includingCurrent: setsLeftIncludingCurrent), reason: reason)
        state.skipRecords.append(record)
        effects.append(.logSkip(record))
    }

    // MARK: - Time

    /// Handles every deadline that is due by `now`, each at its own instant, so chained phases
    /// (get ready -> hold, tempo phases, rest -> get ready) keep exact timing however late the tick.
    private mutating func expireDeadlines(upTo now: Instant, into effects: inout [SessionEffect]) {
        guard !state.isPaused else { return }
        while let deadline = state.phase.countdown?.deadline, deadline <= now {
            expire(at: deadline, into: &effects)
        }
    }

    private mutating func expire(at deadline: Instant, into effects: inout [SessionEffect]) {
        switch state.phase {
        case .getReady, .sideSwitch:
            startWork(at: deadline, into: &effects)
        case .hold(let countdown):
            effects.append(.cue(.setDone))
            finishWork(done: .seconds(Int(countdown.total.nanosecondsRounded / 1_000_000_000)), into: &effects)
        case .tempoReps(let progress):
            advanceTempo(progress, at: deadline, into: &effects)
        case .rest:
            effects.append(.cue(.restEnd))
            beginGetReady(at: deadline, into: &effects)
        case .adjustmentNotice:
            continueAfterDecision(at: deadline, into: &effects)
        case .intro:
            beginGetReady(at: deadline, into: &effects)
        case .notStarted, .checkIn, .selfPacedReps, .painPrompt, .skipReason, .summary:
            break
        }
    }

    /// The next non-empty tempo phase (up -> hold -> down -> next rep), or the end of the set.
    private mutating func advanceTempo(_ progress: TempoProgress, at deadline: Instant, into effects: inout [SessionEffect]) {
        var progress = progress
        let order = TempoPhase.allCases
        var index = order.firstIndex(of: progress.phase)!
        // At most three steps find a phase with seconds, because startWork only guides a tempo
        // whose rep takes some time.
        repeat {
            index += 1
            if index == order.count {
                index = 0
                progress.rep += 1
                if progress.rep > progress.target {
                    effects.append(.cue(.setDone))
                    return finishWork(done: .reps(progress.target), into: &effects)
                }
            }
        } while order[index].seconds(in: progress.tempo) == 0
        progress.phase = order[index]
        effects.append(.cue(.tempo(progress.phase, rep: progress.rep)))
        progress.phaseCountdown = Countdown(total: .seconds(progress.phase.seconds(in: progress.tempo)), startingAt: deadline)
        state.phase = .tempoReps(progress)
    }

    /// Cues once each of the last seconds of a hold (or of a get-ready) that the display reaches.
    private mutating func emitLastSecondsCue(at now: Instant, into effects: inout [SessionEffect]) {
        guard !state.isPaused else { return }
        let countdown: Countdown, cue: (Int) -> Cue
        switch state.phase {
        case .hold(let c): (countdown, cue) = (c, Cue.lastSeconds)
        case .getReady(let c), .sideSwitch(_, let c): (countdown, cue) = (c, Cue.countIn)
        default: return
        }
        let shown = countdown.displaySeconds(at: now)
        // A hold no longer than the cue window starts inside it; its first number is not a "last second".
        let totalSeconds = Int((countdown.total.nanosecondsRounded + 999_999_999) / 1_000_000_000)
        guard (1...SessionTiming.lastSecondsCued).contains(shown), shown < totalSeconds,
              shown < (lastSecondCued ?? Int.max) else { return }
        lastSecondCued = shown
        effects.append(.cue(cue(shown)))
    }

    private mutating func pause(at now: Instant) {
        state.isPaused = true
        state.phase = state.phase.withCountdown { $0.pause(at: now) }
        if let since = state.activeSince {
            state.activeTimeBanked += max(.zero, since.duration(to: now))
            state.activeSince = nil
        }
    }

    private mutating func resume(at now: Instant) {
        state.isPaused = false
        state.phase = state.phase.withCountdown { $0.resume(at: now) }
        state.activeSince = now
    }

    // MARK: - The end

    /// `q`: the session ends now. On the notice of the policy's second stop the policy has
    /// already ended it, and the outcome says so (not "ended early").
    private mutating func endEarly(at now: Instant, into effects: inout [SessionEffect]) {
        if case .adjustmentNotice(let decision, _) = state.phase, decision.action == .endSession {
            finish(.endedByPolicy, at: now, into: &effects)
        } else {
            finish(.endedEarly, at: now, into: &effects)
        }
    }

    private mutating func finish(_ outcome: SessionStatus, at now: Instant, into effects: inout [SessionEffect]) {
        if let since = state.activeSince {
            state.activeTimeBanked += max(.zero, since.duration(to: now))
            state.activeSince = nil
        }
        state.isPaused = false
        let record = SessionEndRecord(
            outcome: outcome, painBefore: state.checkInPain, painAfter: state.lastPain,
            setsDone: state.setsDone, setsPlanned: state.setsPlanned, activeTime: state.activeTimeBanked,
            skippedExerciseIDs: state.skipRecords.map(\.exerciseID),
            stoppedExerciseIDs: state.setRecords.filter { $0.decision.stopsExercise }.map(\.exerciseID))
        state.phase = .summary(record)
        effects.append(.cue(.sessionOver(outcome)))
        effects.append(.logSessionEnd(record))
    }
}
