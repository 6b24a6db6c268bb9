import ExerciseCatalog

/// One exercise as this session will do it: the catalog exercise, the dose after the routine's
/// override, and the easier variant the policy may switch to when a set hurts too much.
public struct PlannedExercise: Sendable, Hashable {
    /// The exercise as the catalog describes it.
    public var exercise: Exercise
    /// The dose for this session (the routine's override applied, or a later prescription).
    public var dose: Dose
    /// The regression the engine switches to on a "reduce" decision, when the catalog names one.
    public var easierVariant: Exercise?
    /// Why this dose differs from the routine's, when a cross-session prescription changed it
    /// ("one set fewer after last session's flare"); shown on the intro screen.
    public var prescriptionNote: String?

    public init(exercise: Exercise, dose: Dose, easierVariant: Exercise? = nil, prescriptionNote: String? = nil) {
        self.exercise = exercise
        self.dose = dose
        self.easierVariant = easierVariant
        self.prescriptionNote = prescriptionNote
    }

    /// Sets this exercise counts in the session total: sets, twice for `sides: each`.
    public var plannedSetCount: Int { max(0, dose.sets) * exercise.sides.count }
}

/// What a session will do, in order. Built once before the session starts; the engine never
/// changes it (adjustments live in `SessionState.current`).
public struct SessionPlan: Sendable, Hashable {
    public var routineID: String
    public var routineName: String
    public var exercises: [PlannedExercise]

    public init(routineID: String, routineName: String, exercises: [PlannedExercise]) {
        self.routineID = routineID
        self.routineName = routineName
        self.exercises = exercises
    }

    /// Builds the plan of a routine: each item's exercise from `catalogLookup`, its dose with the
    /// item's override applied, and its easier variant (when the catalog has it).
    /// - Throws: `SessionPlanError.unknownExercise` when an item names an exercise the lookup lacks
    ///   (the catalog check normally rules this out; the error says which one).
    public init(routine: Routine, catalogLookup: (String) -> Exercise?) throws {
        var exercises: [PlannedExercise] = []
        for item in routine.items {
            guard let exercise = catalogLookup(item.exercise) else {
                throw SessionPlanError.unknownExercise(id: item.exercise, routineID: routine.id)
            }
            exercises.append(PlannedExercise(
                exercise: exercise,
                dose: item.override.applied(to: exercise.dose),
                easierVariant: exercise.easier.flatMap(catalogLookup)
            ))
        }
        self.init(routineID: routine.id, routineName: routine.name, exercises: exercises)
    }

    /// Sets in the whole plan, counting each side of a `sides: each` exercise as a set.
    public var plannedSetCount: Int { exercises.reduce(0) { $0 + $1.plannedSetCount } }
}

/// Why a plan could not be built.
public enum SessionPlanError: Error, Hashable, CustomStringConvertible {
    case unknownExercise(id: String, routineID: String)

    public var description: String {
        switch self {
        case .unknownExercise(let id, let routineID):
            return "routine '\(routineID)' names exercise '\(id)', which is not in the catalog"
        }
    }
}

extension Sides {
    /// How many times each set is done: once for `both`, left and right for `each`.
    public var count: Int { self == .each ? 2 : 1 }

    /// The side the first set starts on.
    public var firstSide: BodySide { self == .each ? .left : .both }

    /// Sets (each side counts) still to do after set `setNumber` of `sets` on `side`: the right
    /// side of that set when it was the left, then the later sets.
    public func setsLeft(after setNumber: Int, on side: BodySide, of sets: Int) -> Int {
        (self == .each && side == .left ? 1 : 0) + max(0, sets - setNumber) * count
    }
}

/// Which side a set was done on. `both` for exercises that are not done per side.
public enum BodySide: String, Sendable, Hashable, CaseIterable, Codable {
    case both
    case left
    case right

    /// "LEFT", "RIGHT", or "" for both; the way the screens shout the side.
    public var label: String {
        switch self {
        case .both: return ""
        case .left: return "LEFT"
        case .right: return "RIGHT"
        }
    }
}
