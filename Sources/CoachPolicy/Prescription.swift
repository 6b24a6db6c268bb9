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
        var result: [Bool] = []
        var pains: [Int] = []
        for session in history {
            let today = TodayCheckIn(sinceLast: session.flareReported ? .worse : nil, startingPain: session.startingPain)
            let (flare, _) = flareToday(today, history: pains.map { PastSession(routineID: "", startingPain: $0, sets: []) })
            result.append(flare != nil)
            if let pain = session.startingPain { pains.append(pain) }
        }
        return result
    }

    /// The exercises reachable from `exercise` through easier/harder links, easiest first.
    public static func chain(of exercise: Exercise, catalog: Catalog) -> [Exercise] {
        Lookup(catalog: catalog, plan: nil, extra: [exercise]).chain(of: exercise)
    }

    // MARK: - One position

    /// How a past session went at one position, as the policy reads it.
    enum Outcome: Equatable {
        case spread
        case stopped(pain: Int)
        case tooMuch(pain: Int)
        case acceptable(pain: Int)
        case eased
        case skippedPartway
        case easy
    }

    static func outcome(of sets: [SetRecord], skipped: Bool) -> Outcome {
        if sets.contains(where: \.spreadDownLeg) { return .spread }
        if let stop = sets.first(where: \.decision.stopsExercise) { return .stopped(pain: stop.pain) }
        let maxPain = sets.map(\.pain).max() ?? 0
        if maxPain > ProgressionPolicy.holdMaximum { return .tooMuch(pain: maxPain) }
        if maxPain > ProgressionPolicy.easyMaximum { return .acceptable(pain: maxPain) }
        if sets.contains(where: { $0.decision.action != .keep }) { return .eased }
        if skipped { return .skippedPartway }
        return .easy
    }

    private static func prescribe(
        position: Int, slot: PlannedExercise, routineID: String, history: [PastSession],
        flareBySession: [Bool], flare: Flare?, lastSession: PastSession?, lookup: Lookup
    ) -> ExercisePrescription {
        let chain = Set(lookup.chain(of: slot.exercise).map(\.id))
        let defaultLevel = ExerciseLevel(exerciseID: slot.exercise.id, work: slot.dose.work)
        // The sessions of this routine in which this position was done, newest first.
        let done = history.indices.reversed().filter {
            history[$0].routineID == routineID && !history[$0].sets(at: position).isEmpty
        }

        func result(_ level: ExerciseLevel, last: ExerciseLevel?, change: PrescriptionChange, tail: String?) -> ExercisePrescription {
            let exercise = lookup.exercise(level.exerciseID) ?? slot.exercise
            let dose = Dose(sets: slot.dose.sets, work: level.work, rest: slot.dose.rest)
            let head = "\(exercise.name) \(exercise.doseText(dose))"
            let reason = tail.map { "\(head), \($0)." } ?? "\(head): the routine's dose."
            var planned = PlannedExercise(
                exercise: exercise, dose: dose, easierVariant: exercise.easier.flatMap(lookup.exercise))
            if exercise.id == slot.exercise.id, planned.easierVariant == nil { planned.easierVariant = slot.easierVariant }
            let differs = exercise.id != slot.exercise.id || dose != slot.dose
            if differs || change == .progressed || change == .steppedBack { planned.prescriptionNote = reason }
            return ExercisePrescription(
                position: position, routineDefault: slot, lastLevel: last, level: level, change: change,
                reason: reason, planned: planned)
        }

        guard let newest = done.first else {
            return result(defaultLevel, last: nil, change: .routineDefault, tail: nil)
        }
        let newestSets = history[newest].sets(at: position)
        guard let last = level(of: newestSets, slot: slot, chain: chain, lookup: lookup) else {
            return result(defaultLevel, last: nil, change: .routineDefault,
                          tail: "the routine's dose again: the last logged exercise here is no longer in its chain")
        }
        let lastExercise = lookup.exercise(last.exerciseID) ?? slot.exercise
        let lastOutcome = outcome(of: newestSets, skipped: history[newest].skippedPositions.contains(position))

        // A flare today: one step back for what the last session did, and never a step up.
        if let flare {
            let doneLastSession = lastSession.map { session in
                session.sets.contains { chain.contains($0.exerciseID) || chain.contains($0.plannedExerciseID) }
            } ?? false
            if doneLastSession {
                return stepBack(from: last, exercise: lastExercise, preferEasier: false, why: "a flare: \(flare.reason)",
                                slot: slot, chain: chain, lookup: lookup, result: result)
            }
            return result(last, last: last, change: .held, tail: "same as last time: no step up on a flare day (\(flare.reason))")
        }

        switch lastOutcome {
        case .spread:
            return stepBack(from: last, exercise: lastExercise, preferEasier: true,
                            why: "last time pain spread down your leg", slot: slot, chain: chain, lookup: lookup, result: result)
        case .stopped(let pain):
            return stepBack(from: last, exercise: lastExercise, preferEasier: true,
                            why: "last time it was stopped (pain \(pain))", slot: slot, chain: chain, lookup: lookup, result: result)
        case .tooMuch(let pain):
            return stepBack(from: last, exercise: lastExercise, preferEasier: false,
                            why: "last time pain reached \(pain) (above \(ProgressionPolicy.holdMaximum))", slot: slot, chain: chain, lookup: lookup, result: result)
        case .acceptable(let pain):
            return result(last, last: last, change: .held,
                          tail: "same as last time: pain reached \(pain) (\(ProgressionPolicy.easyMaximum + 1)-\(ProgressionPolicy.holdMaximum) is acceptable; no step up from that session)")
        case .eased:
            return result(last, last: last, change: .held, tail: "same as last time: the dose was eased during that session, so no step up yet")
        case .skippedPartway:
            return result(last, last: last, change: .held, tail: "same as last time: it was skipped partway, so no step up yet")
        case .easy:
            break
        }
        // The same exercise (any of its chain) done in another routine since then, and not easily.
        let inChain = { (set: SetRecord) in chain.contains(set.exerciseID) || chain.contains(set.plannedExerciseID) }
        if history[(newest + 1)...].contains(where: { later in
            later.sets.contains { inChain($0) && ($0.spreadDownLeg || $0.decision.stopsExercise || $0.pain > ProgressionPolicy.easyMaximum) }
        }) {
            return result(last, last: last, change: .held,
                          tail: "same as last time: it was not easy when you did it in another routine since")
        }
        if flareBySession[newest] || flareBySession.last == true {
            return result(last, last: last, change: .held,
                          tail: "same as last time: the last session started on a flare, and limber never steps up right after a flare")
        }
        // Two easy sessions in a row at this same level, neither on a flare.
        var streak = 1
        for index in done.dropFirst() {
            let sets = history[index].sets(at: position)
            guard streak < ProgressionPolicy.easySessionsToProgress,
                  level(of: sets, slot: slot, chain: chain, lookup: lookup) == last,
                  outcome(of: sets, skipped: history[index].skippedPositions.contains(position)) == .easy,
                  !flareBySession[index] else { break }
            streak += 1
        }
        guard streak >= ProgressionPolicy.easySessionsToProgress else {
            return result(last, last: last, change: .held,
                          tail: "same as last time: one easy session at this dose; one more in a row moves it up")
        }
        let why = "two easy sessions in a row (every set 0-\(ProgressionPolicy.easyMaximum), no spread)"
        if let up = ProgressionPolicy.steppedUp(last.work, ceiling: lastExercise.max) {
            return result(ExerciseLevel(exerciseID: last.exerciseID, work: up), last: last, change: .progressed,
                          tail: "up from \(amountText(last.work)): \(why)")
        }
        let topText = ProgressionPolicy.top(of: last.work, ceiling: lastExercise.max).map { " (\(amountText(last.work.with(amount: $0))))" } ?? ""
        if let harder = lastExercise.harder.flatMap(lookup.exercise), chain.contains(harder.id) {
            let level = ExerciseLevel(exerciseID: harder.id, work: startingWork(harder, slot: slot))
            return result(level, last: last, change: .progressed,
                          tail: "the harder variant, instead of \(lastExercise.name) at its top\(topText): \(why)")
        }
        return result(last, last: last, change: .held,
                      tail: "kept: it is at the top of its range\(topText) and has no harder variant")
    }

    private static func stepBack(
        from last: ExerciseLevel, exercise: Exercise, preferEasier: Bool, why: String, slot: PlannedExercise,
        chain: Set<String>, lookup: Lookup, result: (ExerciseLevel, ExerciseLevel?, PrescriptionChange, String?) -> ExercisePrescription
    ) -> ExercisePrescription {
        let easier: ExerciseLevel? = exercise.easier.flatMap(lookup.exercise).flatMap { chain.contains($0.id) ? $0 : nil }.map { easier in
            var work = startingWork(easier, slot: slot)
            if work.kind == last.work.kind { work = work.with(amount: min(work.amount, last.work.amount)) }
            return ExerciseLevel(exerciseID: easier.id, work: work)
        }
        let less = ProgressionPolicy.steppedBack(last.work).map { ExerciseLevel(exerciseID: last.exerciseID, work: $0) }
        let easierTail = "the easier variant, instead of \(exercise.name): \(why)"
        let lessTail = "down from \(amountText(last.work)): \(why)"
        if preferEasier, let easier { return result(easier, last, .steppedBack, easierTail) }
        if let less { return result(less, last, .steppedBack, lessTail) }
        if let easier { return result(easier, last, .steppedBack, easierTail) }
        return result(last, last, .held, "same as last time: \(why), but it is already at its smallest dose (go gently, or press s to skip it)")
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
