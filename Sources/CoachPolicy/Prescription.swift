import ExerciseCatalog

/// Today's prescription as a pure function of (the routine's plan, the logged history, today's
/// check-in), following `ProgressionPolicy`. There is no stored "level": the level of each position
/// is read from the log every time.
///
/// How the level of a position is derived: the last session of this routine in which the position
/// was done says which exercise of the chain was planned there and how much work its first set
/// asked for (the first set always carries the planned work; in-session cuts come after it). That is
/// the level last done. Today's level is that level moved by at most one step, decided from the
/// last two sessions in which the position was done (and today's flare check). A position never
/// done before, or one whose logged exercise is no longer in the chain (the catalog or the routine
/// changed), starts from the routine's default.
///
///     let prescription = Prescriber.prescribe(base: plan, history: store.pastSessions(), today: checkIn, catalog: catalog)
///     SessionEngine(plan: prescription.plan)
public enum Prescriber {
    /// The prescription for a session of `base`'s routine.
    /// - Parameters:
    ///   - base: the routine's plan with its default doses (`SessionPlan(routine:catalogLookup:)`).
    ///   - history: past sessions of every routine, oldest first (other routines count for the
    ///     flare rules; positions are matched only within `base.routineID`).
    ///   - today: today's next-launch answer and starting pain.
    ///   - catalog: where the easier and harder variants are looked up.
    public static func prescribe(base: SessionPlan, history: [PastSession], today: TodayCheckIn, catalog: Catalog) -> Prescription {
        let lookup = Lookup(catalog: catalog, plan: base)
        let (flare, usual) = flareToday(today, history: history)
        let flareBySession = pastFlares(history)
        let lastSession = history.last
        var entries: [ExercisePrescription] = []
        for (position, slot) in base.exercises.enumerated() {
            let entry = prescribe(
                position: position, slot: slot, routineID: base.routineID, history: history,
                flareBySession: flareBySession, flare: flare, lastSession: lastSession, lookup: lookup)
            entries.append(entry)
        }
        let plan = SessionPlan(routineID: base.routineID, routineName: base.routineName, exercises: entries.map(\.planned))
        return Prescription(plan: plan, exercises: entries, flare: flare, usualPain: usual)
    }

    /// Whether today is a flare, and the usual starting pain it was compared with.
    public static func flareToday(_ today: TodayCheckIn, history: [PastSession]) -> (Flare?, usualPain: Int?) {
        let usual = ProgressionPolicy.usualPain(history.compactMap(\.startingPain))
        if today.sinceLast == .worse { return (Flare(cause: .reportedWorse), usual) }
        if let pain = today.startingPain, let usual, pain - usual >= ProgressionPolicy.flareRiseOverUsual {
            return (Flare(cause: .painAboveUsual(today: pain, usual: usual)), usual)
        }
        return (nil, usual)
    }

    /// For every past session (same order), whether it started on a flare: "worse" reported, or
    /// its starting pain 2+ above the usual of the sessions before it.
    public static func pastFlares(_ history: [PastSession]) -> [Bool] {
        pastFlareCauses(history).map { $0 != nil }
    }

    /// For every past session (same order), the flare it started on with its reason, or nil
    /// (the rule of ``pastFlares(_:)``; the clinician's report lists the reasons).
    public static func pastFlareCauses(_ history: [PastSession]) -> [Flare?] {
        var result: [Flare?] = []
        var pains: [Int] = []
        for session in history {
            let today = TodayCheckIn(sinceLast: session.flareReported ? .worse : nil, startingPain: session.startingPain)
            // The usual pain reads only the last `usualPainWindow` pains: pass those alone.
            let recent = pains.suffix(ProgressionPolicy.usualPainWindow).map { PastSession(routineID: "", startingPain: $0, sets: []) }
            let (flare, _) = flareToday(today, history: recent)
            result.append(flare)
            if let pain = session.startingPain { pains.append(pain) }
        }
        return result
    }

    /// The exercises reachable from `exercise` through easier/harder links, easiest first.
    public static func chain(of exercise: Exercise, catalog: Catalog) -> [Exercise] {
        Lookup(catalog: catalog, plan: nil, extra: [exercise]).chain(of: exercise)
    }

    // MARK: - One position

    /// How a past session went at one position, as the policy reads it (`ProgressionPolicy.Rule`
    /// names the row each case falls under).
    enum Outcome: Equatable {
        case spread
        case stopped(pain: Int)
        case tooMuch(pain: Int)
        case acceptable(pain: Int)
        case eased
        case unfinished
        case skippedPartway
        case easy
    }

    static func outcome(of sets: [SetRecord], skipped: Bool, skipReason: SkipReason? = nil) -> Outcome {
        if sets.contains(where: \.spreadDownLeg) || skipReason == .spread { return .spread }
        if let stop = sets.first(where: \.decision.stopsExercise) { return .stopped(pain: stop.pain) }
        if skipReason == .tooPainful { return .stopped(pain: PainPolicy.stopThreshold) }
        let maxPain = sets.map(\.pain).max() ?? 0
        if maxPain > ProgressionPolicy.holdMaximum && !sets.contains(where: { $0.decision.rule == .centralizing }) {
            return .tooMuch(pain: maxPain)
        }
        if maxPain > ProgressionPolicy.easyMaximum { return .acceptable(pain: maxPain) }
        if sets.contains(where: { $0.decision.action != .keep }) { return .eased }
        if sets.contains(where: { !ProgressionPolicy.isFinished(done: $0.done, target: $0.target) }) { return .unfinished }
        if skipped { return .skippedPartway }
        return .easy
    }

    private static func prescribe(
        position: Int, slot: PlannedExercise, routineID: String, history: [PastSession],
        flareBySession: [Bool], flare: Flare?, lastSession: PastSession?, lookup: Lookup
    ) -> ExercisePrescription {
        Position(position: position, slot: slot, routineID: routineID, history: history,
                 flareBySession: flareBySession, lookup: lookup)
            .prescribe(flare: flare, lastSession: lastSession)
    }

    /// What one step of the decision returns: the level for today and why.
    struct Step {
        var level: ExerciseLevel
        var change: PrescriptionChange
        var rule: ProgressionPolicy.Rule?
        /// The words after the dose ("up from 10: two easy sessions in a row"); nil: the routine's dose.
        var tail: String?
    }

    /// One position of the routine and everything the policy reads about it, with the decision
    /// split into the order of `ProgressionPolicy.Rule`.
    struct Position {
        let position: Int
        let slot: PlannedExercise
        let history: [PastSession]
        let flareBySession: [Bool]
        let lookup: Lookup
        /// Ids of the exercises of the slot's easier/harder chain.
        let chain: Set<String>
        /// Indices of the sessions of this routine in which this position was done, newest first.
        let done: [Int]

        init(position: Int, slot: PlannedExercise, routineID: String, history: [PastSession], flareBySession: [Bool], lookup: Lookup) {
            self.position = position
            self.slot = slot
            self.history = history
            self.flareBySession = flareBySession
            self.lookup = lookup
            self.chain = Set(lookup.chain(of: slot.exercise).map(\.id))
            self.done = history.indices.reversed().filter {
                history[$0].routineID == routineID && !history[$0].sets(at: position).isEmpty
            }
        }

        func prescribe(flare: Flare?, lastSession: PastSession?) -> ExercisePrescription {
            let defaultLevel = ExerciseLevel(exerciseID: slot.exercise.id, work: slot.dose.work)
            guard let newest = done.first else {
                return result(Step(level: defaultLevel, change: .routineDefault, tail: nil), last: nil)
            }
            guard let last = level(in: history[newest]) else {
                return result(Step(level: defaultLevel, change: .routineDefault,
                                   tail: "the routine's dose again: the last logged exercise here is no longer in its chain"), last: nil)
            }
            let step = flareStep(flare, last: last, lastSession: lastSession)
                ?? lastOutcomeStep(last: last, newest: newest)
                ?? holdStep(last: last, newest: newest, lastSession: lastSession)
                ?? progressionStep(last: last, newest: newest)
            return result(step, last: last)
        }

        // The rows, in the order of ProgressionPolicy.Rule.

        /// A flare today: one step back for what the last session did, and never a step up.
        func flareStep(_ flare: Flare?, last: ExerciseLevel, lastSession: PastSession?) -> Step? {
            guard let flare else { return nil }
            let doneLastSession = lastSession.map { session in
                session.sets.contains { inChain($0) }
            } ?? false
            if doneLastSession {
                return stepBack(from: last, preferEasier: false, rule: .flareToday, why: "a flare: \(flare.reason)")
            }
            return held(last, .flareToday, "same as last time: no step up on a flare day (\(flare.reason))")
        }

        /// What the last time at this position says: a spread, a stop, too much, acceptable, eased,
        /// unfinished, skipped partway; nil when it was easy.
        func lastOutcomeStep(last: ExerciseLevel, newest: Int) -> Step? {
            let session = history[newest]
            switch outcome(of: session.sets(at: position), skipped: session.skippedPositions.contains(position),
                           skipReason: session.skipReasons[position]) {
            case .spread:
                return stepBack(from: last, preferEasier: true, rule: .spread, why: "last time pain spread down your leg")
            case .stopped(let pain):
                return stepBack(from: last, preferEasier: true, rule: .stopped, why: "last time it was stopped (pain \(pain))")
            case .tooMuch(let pain):
                return stepBack(from: last, preferEasier: false, rule: .tooMuch,
                                why: "last time pain reached \(pain) (above \(ProgressionPolicy.holdMaximum))")
            case .acceptable(let pain):
                return held(last, .acceptable, "same as last time: pain reached \(pain) (\(ProgressionPolicy.easyMaximum + 1)-\(ProgressionPolicy.holdMaximum) is acceptable; no step up from that session)")
            case .eased:
                return held(last, .eased, "same as last time: the dose was eased during that session, so no step up yet")
            case .unfinished:
                return held(last, .unfinished, "same as last time: a set was done below \(ProgressionPolicy.finishedPercent)% of its target, and an unfinished set is not an easy set")
            case .skippedPartway:
                return held(last, .skippedPartway, "same as last time: it was skipped partway, so no step up yet")
            case .easy:
                return nil
            }
        }

        /// Easy last time, but something else holds it: a spread anywhere in the last session, the
        /// exercise not easy in another routine since, or a flare at the last session.
        func holdStep(last: ExerciseLevel, newest: Int, lastSession: PastSession?) -> Step? {
            if lastSession?.hadSpread == true {
                return held(last, .spreadElsewhere, "same as last time: pain spread down your leg in your last session, so every exercise holds its dose")
            }
            if history[(newest + 1)...].contains(where: { later in
                later.sets.contains { inChain($0) && ($0.spreadDownLeg || $0.decision.stopsExercise || $0.pain > ProgressionPolicy.easyMaximum) }
            }) {
                return held(last, .notEasyElsewhere, "same as last time: it was not easy when you did it in another routine since")
            }
            if flareBySession[newest] || flareBySession.last == true {
                return held(last, .afterFlare, "same as last time: the last session started on a flare, and limber never steps up right after a flare")
            }
            return nil
        }

        /// Two easy sessions in a row at this level, neither on a flare and at least 12 hours
        /// apart: one step up (more work, more sets, or the harder variant).
        func progressionStep(last: ExerciseLevel, newest: Int) -> Step {
            var streak = 1
            var tooClose = false
            var newer = history[newest]
            for index in done.dropFirst() {
                let session = history[index]
                guard streak < ProgressionPolicy.easySessionsToProgress,
                      level(in: session) == last,
                      outcome(of: session.sets(at: position), skipped: session.skippedPositions.contains(position),
                              skipReason: session.skipReasons[position]) == .easy,
                      !flareBySession[index] else { break }
                if let earlier = session.startedAt, let later = newer.startedAt,
                   !NextDayResponse.isFarEnough(from: earlier, to: later) {
                    // Too close to know the first one's next-day response: the two count as one.
                    tooClose = true
                    newer = session
                    continue
                }
                streak += 1
                newer = session
            }
            guard streak >= ProgressionPolicy.easySessionsToProgress else {
                if tooClose {
                    return held(last, .tooClose, "same as last time: your easy sessions were less than \(NextDayResponse.hoursAfterSession) hours apart, so they count as one")
                }
                return held(last, .oneEasy, "same as last time: one easy session at this dose; one more in a row moves it up")
            }
            let why = "two easy sessions in a row (every set 0-\(ProgressionPolicy.easyMaximum), no spread)"
            let exercise = lookup.exercise(last.exerciseID) ?? slot.exercise
            let ceiling = ProgressionPolicy.ceiling(of: exercise)
            let stepSize = ProgressionPolicy.step(for: exercise)
            if let up = ProgressionPolicy.steppedUp(last.work, ceiling: ceiling, step: stepSize) {
                return Step(level: ExerciseLevel(exerciseID: last.exerciseID, work: up, sets: last.sets), change: .progressed,
                            rule: .stepUp, tail: "up from \(amountText(last.work)): \(why)")
            }
            let sets = last.sets ?? slot.dose.sets
            if let more = ProgressionPolicy.steppedUpSets(sets, work: last.work, ceiling: ceiling, step: stepSize) {
                return Step(level: ExerciseLevel(exerciseID: last.exerciseID, work: last.work, sets: more), change: .progressed,
                            rule: .stepUp, tail: "\(more) sets instead of \(sets), at the top of its reps range: \(why)")
            }
            let topText = ProgressionPolicy.top(of: last.work, ceiling: ceiling).map { " (\(amountText(last.work.with(amount: $0))))" } ?? ""
            if let harder = exercise.harder.flatMap(lookup.exercise), chain.contains(harder.id) {
                let level = ExerciseLevel(exerciseID: harder.id, work: startingWork(harder, slot: slot))
                return Step(level: level, change: .progressed, rule: .stepUp,
                            tail: "the harder variant, instead of \(exercise.name) at its top\(topText): \(why)")
            }
            return held(last, .atTop, "kept: it is at the top of its range\(topText) and has no harder variant")
        }

        /// One step back: the easier variant or ~30% less, whichever `preferEasier` asks for first.
        func stepBack(from last: ExerciseLevel, preferEasier: Bool, rule: ProgressionPolicy.Rule, why: String) -> Step {
            let exercise = lookup.exercise(last.exerciseID) ?? slot.exercise
            let easier: ExerciseLevel? = exercise.easier.flatMap(lookup.exercise).flatMap { chain.contains($0.id) ? $0 : nil }.map { easier in
                var work = startingWork(easier, slot: slot)
                if work.kind == last.work.kind { work = work.with(amount: min(work.amount, last.work.amount)) }
                return ExerciseLevel(exerciseID: easier.id, work: work)
            }
            let less = ProgressionPolicy.steppedBack(last.work).map { ExerciseLevel(exerciseID: last.exerciseID, work: $0, sets: last.sets) }
            let easierStep = easier.map { Step(level: $0, change: .steppedBack, rule: rule, tail: "the easier variant, instead of \(exercise.name): \(why)") }
            let lessStep = less.map { Step(level: $0, change: .steppedBack, rule: rule, tail: "down from \(amountText(last.work)): \(why)") }
            if preferEasier, let easierStep { return easierStep }
            if let lessStep { return lessStep }
            if let easierStep { return easierStep }
            return held(last, rule, "same as last time: \(why), but it is already at its smallest dose (go gently, or press s to skip it)")
        }

        func held(_ last: ExerciseLevel, _ rule: ProgressionPolicy.Rule, _ tail: String) -> Step {
            Step(level: last, change: .held, rule: rule, tail: tail)
        }

        func inChain(_ set: SetRecord) -> Bool { chain.contains(set.exerciseID) || chain.contains(set.plannedExerciseID) }

        /// The level `session` did here (see `Prescriber.level(of:slot:chain:lookup:)`), with the
        /// sets its plan asked for when they differ from the routine's.
        func level(in session: PastSession) -> ExerciseLevel? {
            guard var level = Prescriber.level(of: session.sets(at: position), slot: slot, chain: chain, lookup: lookup) else { return nil }
            // The plan's sets for the position; without a stored plan, the sets done when they are
            // more than the routine's (fewer done says nothing: the session may have ended early).
            let done = session.sets(at: position).filter { $0.exerciseID == level.exerciseID }.map(\.setNumber).max() ?? 0
            let sets = session.plannedSets[position] ?? (done > slot.dose.sets ? done : slot.dose.sets)
            if sets != slot.dose.sets { level.sets = sets }
            return level
        }

        /// The entry for today: the exercise and dose of `step.level`, the reason in words.
        func result(_ step: Step, last: ExerciseLevel?) -> ExercisePrescription {
            let level = step.level
            let exercise = lookup.exercise(level.exerciseID) ?? slot.exercise
            let dose = Dose(sets: level.sets ?? slot.dose.sets, work: level.work, rest: slot.dose.rest)
            let head = "\(exercise.name) \(exercise.doseText(dose))"
            let reason = step.tail.map { "\(head), \($0)." } ?? "\(head): the routine's dose."
            var planned = PlannedExercise(
                exercise: exercise, dose: dose, easierVariant: exercise.easier.flatMap(lookup.exercise))
            if exercise.id == slot.exercise.id, planned.easierVariant == nil { planned.easierVariant = slot.easierVariant }
            let differs = exercise.id != slot.exercise.id || dose != slot.dose
            if differs || step.change == .progressed || step.change == .steppedBack { planned.prescriptionNote = reason }
            return ExercisePrescription(
                position: position, routineDefault: slot, lastLevel: last, level: level, change: step.change,
                rule: step.rule, reason: reason, planned: planned)
        }
    }

    /// The level a session did at a position: the planned exercise and its first set's target,
    /// or nil when that exercise is not in the chain or its work does not fit the exercise.
    static func level(of sets: [SetRecord], slot: PlannedExercise, chain: Set<String>, lookup: Lookup) -> ExerciseLevel? {
        guard let first = sets.first else { return nil }
        let plannedID = first.plannedExerciseID
        guard chain.contains(plannedID), let exercise = lookup.exercise(plannedID) else { return nil }
        let starting = startingWork(exercise, slot: slot)
        guard let firstOfPlanned = sets.first(where: { $0.exerciseID == plannedID }) else {
            return ExerciseLevel(exerciseID: plannedID, work: starting)
        }
        guard firstOfPlanned.target.kind == starting.kind, firstOfPlanned.target.amount > 0 else { return nil }
        return ExerciseLevel(exerciseID: plannedID, work: firstOfPlanned.target)
    }

    /// The dose a variant starts at: the routine's own work for the routine's exercise, else the
    /// variant's catalog work.
    static func startingWork(_ exercise: Exercise, slot: PlannedExercise) -> Work {
        exercise.id == slot.exercise.id ? slot.dose.work : exercise.dose.work
    }


    /// "10" for reps, "30 s" for seconds: how a person says the old amount.
    static func amountText(_ work: Work) -> String {
        switch work {
        case .reps(let n): return "\(n)"
        case .seconds(let s): return "\(s) s"
        }
    }

    /// Exercises by id: the catalog, plus the plan's own exercises (plans built in code may hold
    /// exercises the catalog lacks).
    struct Lookup {
        var byID: [String: Exercise]

        init(catalog: Catalog, plan: SessionPlan?, extra: [Exercise] = []) {
            var byID = catalog.exercisesByID
            for planned in plan?.exercises ?? [] {
                if byID[planned.exercise.id] == nil { byID[planned.exercise.id] = planned.exercise }
                if let easier = planned.easierVariant, byID[easier.id] == nil { byID[easier.id] = easier }
            }
            for exercise in extra where byID[exercise.id] == nil { byID[exercise.id] = exercise }
            self.byID = byID
        }

        func exercise(_ id: String) -> Exercise? { byID[id] }

        /// Easiest first; stops at a missing link or a cycle.
        func chain(of exercise: Exercise) -> [Exercise] {
            var seen: Set<String> = [exercise.id]
            var easier: [Exercise] = []
            var cursor = exercise
            while let next = cursor.easier.flatMap(self.exercise), !seen.contains(next.id) {
                seen.insert(next.id)
                easier.append(next)
                cursor = next
            }
            var harder: [Exercise] = []
            cursor = exercise
            while let next = cursor.harder.flatMap(self.exercise), !seen.contains(next.id) {
                seen.insert(next.id)
                harder.append(next)
                cursor = next
            }
            return easier.reversed() + [exercise] + harder
        }
    }
}
