/// The loaded catalog: every exercise and routine that passed validation, plus the issues found
/// on the way. A catalog with issues is still usable; it simply lacks the files that had errors.
public struct Catalog: Sendable, Hashable {
    /// Exercises, sorted by id.
    public private(set) var exercises: [Exercise]
    /// Routines, sorted by id.
    public private(set) var routines: [Routine]
    /// Exercises by id.
    public private(set) var exercisesByID: [String: Exercise]
    /// Routines by id.
    public private(set) var routinesByID: [String: Routine]
    /// Every problem found while loading, sorted by file and line. Empty for a valid catalog.
    public var issues: [CatalogIssue]
    /// The directories read, in lookup order (later ones override earlier ones).
    public var directories: [String]

    /// A catalog of the given values, taken as they are (no validation). Meant for tests and
    /// for callers that build exercises in code; files go through `CatalogLoader` instead.
    /// A later exercise or routine with the same id replaces an earlier one.
    public init(exercises: [Exercise], routines: [Routine] = [], issues: [CatalogIssue] = [], directories: [String] = []) {
        var exercisesByID: [String: Exercise] = [:]
        for exercise in exercises { exercisesByID[exercise.id] = exercise }
        var routinesByID: [String: Routine] = [:]
        for routine in routines { routinesByID[routine.id] = routine }
        self.exercisesByID = exercisesByID
        self.routinesByID = routinesByID
        self.exercises = exercisesByID.values.sorted { $0.id < $1.id }
        self.routines = routinesByID.values.sorted { $0.id < $1.id }
        self.issues = issues
        self.directories = directories
    }

    /// True when loading found no problems.
    public var isValid: Bool { issues.isEmpty }

    /// The exercise with this id, if it loaded.
    public func exercise(_ id: String) -> Exercise? { exercisesByID[id] }

    /// The routine with this id, if it loaded.
    public func routine(_ id: String) -> Routine? { routinesByID[id] }

    /// The exercise with this id, or an error that suggests the closest id.
    public func requireExercise(_ id: String) throws(CatalogLookupError) -> Exercise {
        if let exercise = exercisesByID[id] { return exercise }
        throw CatalogLookupError(kind: .exercise, id: id, suggestion: Suggestions.closest(to: id, in: exercises.map(\.id)))
    }

    /// The routine with this id, or an error that suggests the closest id.
    public func requireRoutine(_ id: String) throws(CatalogLookupError) -> Routine {
        if let routine = routinesByID[id] { return routine }
        throw CatalogLookupError(kind: .routine, id: id, suggestion: Suggestions.closest(to: id, in: routines.map(\.id)))
    }

    /// The dose a routine item prescribes: the exercise's default with the item's override.
    /// `nil` when the exercise is not in the catalog.
    public func dose(of item: RoutineItem) -> Dose? {
        exercisesByID[item.exercise].map { item.override.applied(to: $0.dose) }
    }

    /// Estimated seconds for a whole routine (see `TimingEstimate`). There is no rest after the
    /// routine's last set, so that one rest is not counted. Items whose exercise is missing
    /// count as nothing (a loaded catalog never has them).
    public func estimatedSeconds(of routine: Routine) -> Int {
        var total = 0
        var lastRest = 0
        for item in routine.items {
            guard let exercise = exercisesByID[item.exercise] else { continue }
            let dose = item.override.applied(to: exercise.dose)
            total += TimingEstimate.seconds(for: exercise, dose: dose)
            lastRest = dose.rest
        }
        return max(0, total - lastRest)
    }
}

/// An id that is not in the catalog. Its description is the one line a person sees:
/// `no exercise 'brige' — did you mean 'bridge-hold'?`
public struct CatalogLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was looked up.
    public enum Kind: String, Sendable, Hashable {
        case exercise
        case routine
    }

    public var kind: Kind
    /// The id as the person typed it.
    public var id: String
    /// The closest known id, when one is close enough to be a typo.
    public var suggestion: String?

    public init(kind: Kind, id: String, suggestion: String?) {
        self.kind = kind
        self.id = id
        self.suggestion = suggestion
    }

    /// The id is shown with control characters escaped (`\u{1B}`): it is whatever was typed.
    public var description: String {
        let id = ControlCharacters.escaped(id)
        if let suggestion { return "no \(kind.rawValue) '\(id)' — did you mean '\(suggestion)'?" }
        return "no \(kind.rawValue) '\(id)' (`limber \(kind.rawValue)s` lists them)"
    }
}

extension TimingEstimate {
    /// Seconds as a rough duration for lists: `~8 min` (at least `~1 min`).
    public static func roughMinutes(_ seconds: Int) -> String {
        "~\(max(1, (seconds + 30) / 60)) min"
    }
}

extension Exercise {
    /// The dose as a person reads it: `3 x 30 s each`, `2 x 10 reps` (the `each` marks a
    /// per-side dose).
    public func doseText(_ dose: Dose? = nil) -> String {
        let dose = dose ?? self.dose
        return sides == .each ? "\(dose.plainText) each" : dose.plainText
    }
}
