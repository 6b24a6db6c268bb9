import Foundation

/// The catalog as JSON for scripts (`limber exercises --json`, `limber routines --json`).
///
/// These records, not the model types, define the JSON: keys are snake_case, every key is always
/// present (absent values are `null`), and the encoder sorts keys, so the output is stable
/// across releases even if the Swift types change shape.
public enum CatalogJSON {
    /// An exercise as JSON.
    public struct ExerciseRecord: Encodable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var area: [String]
        public var sides: String
        public var dose: DoseRecord
        /// `dose` as text, like `3 x 30 s each`.
        public var doseText: String
        public var tempo: Tempo?
        public var max: DoseCeilingRecord?
        public var steps: [String]
        public var cues: [String]
        public var stopIf: [String]
        public var easier: String?
        public var harder: String?
        public var figure: [String]
        public var position: String?
        public var source: String?

        public init(_ exercise: Exercise) {
            id = exercise.id
            name = exercise.name
            kind = exercise.kind.rawValue
            area = exercise.area
            sides = exercise.sides.rawValue
            dose = DoseRecord(exercise.dose)
            doseText = exercise.doseText()
            tempo = exercise.tempo
            max = exercise.max.map(DoseCeilingRecord.init)
            steps = exercise.steps
            cues = exercise.cues
            stopIf = exercise.stopIf
            easier = exercise.easier
            harder = exercise.harder
            figure = exercise.figure
            position = exercise.position?.rawValue
            source = exercise.sourcePath
        }

        enum CodingKeys: String, CodingKey {
            case id, name, kind, area, sides, dose, doseText = "dose_text", tempo, max, steps, cues
            case stopIf = "stop_if", easier, harder, figure, position, source
        }

        public func encode(to encoder: Encoder) throws {
            // Written out (not synthesized) because synthesized code skips nil values, and the
            // contract is that every key is present.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encode(area, forKey: .area)
            try c.encode(sides, forKey: .sides)
            try c.encode(dose, forKey: .dose)
            try c.encode(doseText, forKey: .doseText)
            try c.encode(tempo, forKey: .tempo)
            try c.encode(max, forKey: .max)
            try c.encode(steps, forKey: .steps)
            try c.encode(cues, forKey: .cues)
            try c.encode(stopIf, forKey: .stopIf)
            try c.encode(easier, forKey: .easier)
            try c.encode(harder, forKey: .harder)
            try c.encode(figure, forKey: .figure)
            try c.encode(position, forKey: .position)
            try c.encode(source, forKey: .source)
        }
    }

    /// A dose as JSON: exactly one of `reps` and `seconds` is non-null.
    public struct DoseRecord: Encodable, Sendable, Hashable {
        public var sets: Int
        public var reps: Int?
        public var seconds: Int?
        public var rest: Int

        public init(_ dose: Dose) {
            sets = dose.sets
            rest = dose.rest
            switch dose.work {
            case .reps(let n): reps = n
            case .seconds(let s): seconds = s
            }
        }

        enum CodingKeys: String, CodingKey { case sets, reps, seconds, rest }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sets, forKey: .sets)
            try c.encode(reps, forKey: .reps)
            try c.encode(seconds, forKey: .seconds)
            try c.encode(rest, forKey: .rest)
        }
    }

    /// A progression ceiling as JSON.
    public struct DoseCeilingRecord: Encodable, Sendable, Hashable {
        public var sets: Int?
        public var reps: Int?
        public var seconds: Int?

        public init(_ ceiling: DoseCeiling) {
            sets = ceiling.sets
            reps = ceiling.reps
            seconds = ceiling.seconds
        }

        enum CodingKeys: String, CodingKey { case sets, reps, seconds }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sets, forKey: .sets)
            try c.encode(reps, forKey: .reps)
            try c.encode(seconds, forKey: .seconds)
        }
    }

    /// A routine as JSON, with each item's effective dose and the time estimates.
    public struct RoutineRecord: Encodable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var summary: String
        public var estimatedSeconds: Int
        public var items: [ItemRecord]
        public var stage: String?
        public var minutes: Int?
        public var direction: String
        public var source: String?

        public init(_ routine: Routine, in catalog: Catalog) {
            id = routine.id
            name = routine.name
            kind = routine.kind.rawValue
            summary = routine.summary
            estimatedSeconds = catalog.estimatedSeconds(of: routine)
            items = routine.items.map { ItemRecord($0, in: catalog) }
            stage = routine.stage?.rawValue
            minutes = routine.minutes
            direction = routine.direction.rawValue
            source = routine.sourcePath
        }

        enum CodingKeys: String, CodingKey {
            case id, name, kind, summary, estimatedSeconds = "estimated_seconds", items, stage, minutes, direction, source
        }

        public func encode(to encoder: Encoder) throws {
            // Written out so that absent values are null rather than missing keys.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encode(summary, forKey: .summary)
            try c.encode(estimatedSeconds, forKey: .estimatedSeconds)
            try c.encode(items, forKey: .items)
            try c.encode(stage, forKey: .stage)
            try c.encode(minutes, forKey: .minutes)
            try c.encode(direction, forKey: .direction)
            try c.encode(source, forKey: .source)
        }
    }

    /// One routine item as JSON: the exercise and the dose it gets in this routine.
    public struct ItemRecord: Encodable, Sendable, Hashable {
        public var exercise: String
        public var name: String?
        public var dose: DoseRecord?
        public var doseText: String?
        public var estimatedSeconds: Int?

        public init(_ item: RoutineItem, in catalog: Catalog) {
            exercise = item.exercise
            let found = catalog.exercise(item.exercise)
            let dose = catalog.dose(of: item)
            name = found?.name
            self.dose = dose.map(DoseRecord.init)
            doseText = zip(found, dose).map { $0.doseText($1) }
            estimatedSeconds = zip(found, dose).map { TimingEstimate.seconds(for: $0, dose: $1) }
        }

        enum CodingKeys: String, CodingKey {
            case exercise, name, dose, doseText = "dose_text", estimatedSeconds = "estimated_seconds"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(exercise, forKey: .exercise)
            try c.encode(name, forKey: .name)
            try c.encode(dose, forKey: .dose)
            try c.encode(doseText, forKey: .doseText)
            try c.encode(estimatedSeconds, forKey: .estimatedSeconds)
        }
    }

    /// The encoder for these records: sorted keys, indented, slashes left as they are.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// All exercises of the catalog as a JSON array (sorted by id), as UTF-8 text.
    public static func exercises(_ catalog: Catalog) throws -> String {
        try text(catalog.exercises.map(ExerciseRecord.init))
    }

    /// All routines of the catalog as a JSON array (sorted by id), as UTF-8 text.
    public static func routines(_ catalog: Catalog) throws -> String {
        try text(catalog.routines.map { RoutineRecord($0, in: catalog) })
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}

/// `a` and `b` together when both are present.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
