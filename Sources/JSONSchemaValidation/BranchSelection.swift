import LocatedYAML

/// `anyOf` and `oneOf`, and the choice of which failing branch to report.
///
/// Branches are first evaluated quietly. When none matches, each is evaluated again with errors
/// and only the closest one's errors are reported: the branch whose discriminating property
/// (`const`/`enum` on a property that several branches pin) matches, whose `type` matches, whose errors are deepest in the instance,
/// and which has the fewest errors, in that order. When no branch allows the instance's type,
/// one type error lists the types all branches allow.
///
/// In lenient mode a branch that passes with warnings (unknown properties) still passes, but a
/// branch that passes without warnings is preferred; `oneOf` counts only the latter as matches.
extension Evaluator {
    mutating func applyAnyOf(
        _ schema: CompiledSchema, _ instance: Instance, collect: Bool, into local: inout BitSet
    ) {
        let branches = schema.keywords.anyOf
        var passedAny = false
        var passedStrictly = false
        var bestLenient: (index: Int, warnings: Int)?
        for (index, branch) in branches.enumerated() {
            var branchEvaluated = BitSet()
            let outcome = probe(
                branch, instance, keyword: "anyOf/" + String(index), collect: collect,
                into: &branchEvaluated)
            guard outcome.passed else { continue }
            passedAny = true
            if collect { local.formUnion(branchEvaluated) }
            if outcome.warnings == 0 {
                passedStrictly = true
                if !collect { break }
            } else if bestLenient == nil || outcome.warnings < bestLenient!.warnings {
                bestLenient = (index, outcome.warnings)
            }
        }
        if passedAny {
            if !passedStrictly, let best = bestLenient {
                emitWarnings(
                    of: branches[best.index], instance, keyword: "anyOf/" + String(best.index),
                    count: best.warnings)
            }
            return
        }
        reportClosestBranch(schema, instance, keyword: "anyOf", branches: branches)
    }

    mutating func applyOneOf(
        _ schema: CompiledSchema, _ instance: Instance, collect: Bool, into local: inout BitSet
    ) {
        let branches = schema.keywords.oneOf
        var strictMatches: [Int] = []
        var strictEvaluated = BitSet()
        var bestLenient: (index: Int, warnings: Int, evaluated: BitSet)?
        for (index, branch) in branches.enumerated() {
            var branchEvaluated = BitSet()
            let outcome = probe(
                branch, instance, keyword: "oneOf/" + String(index), collect: collect,
                into: &branchEvaluated)
            guard outcome.passed else { continue }
            if outcome.warnings == 0 {
                strictMatches.append(index)
                if strictMatches.count == 1 { strictEvaluated = branchEvaluated }
                if strictMatches.count > 1 && quiet { break }
            } else if bestLenient == nil || outcome.warnings < bestLenient!.warnings {
                bestLenient = (index, outcome.warnings, branchEvaluated)
            }
        }
        if strictMatches.count == 1 {
            if collect { local.formUnion(strictEvaluated) }
            return
        }
        if strictMatches.count > 1 {
            fail(
                schema, keyword: "oneOf", instance.node,
                reason: .matchesSeveralAlternatives(indices: strictMatches))
            return
        }
        if let best = bestLenient {
            if collect { local.formUnion(best.evaluated) }
            emitWarnings(
                of: branches[best.index], instance, keyword: "oneOf/" + String(best.index),
                count: best.warnings)
            return
        }
        reportClosestBranch(schema, instance, keyword: "oneOf", branches: branches)
    }

    /// Reports the warnings of a branch that passed with warnings (evaluating it again to get them).
    private mutating func emitWarnings(
        of branch: SchemaID, _ instance: Instance, keyword: String, count: Int
    ) {
        if quiet {
            quietWarnings += count
            return
        }
        var unused = BitSet()
        _ = evaluateInPlace(branch, instance, keyword: keyword, collect: false, into: &unused)
    }

    /// Reports why no branch matches, through the closest branch.
    private mutating func reportClosestBranch(
        _ schema: CompiledSchema, _ instance: Instance, keyword: String, branches: [SchemaID]
    ) {
        if quiet {
            quietFailures += 1
            return
        }
        let hints = branches.map { program.hints[$0] }
        if hints.allSatisfy({ $0.types.map { !$0.allows(instance.kind) } ?? false }) {
            var names: [String] = []
            for hint in hints {
                for name in hint.typeNames where !names.contains(name) { names.append(name) }
            }
            fail(
                schema, keyword: keyword, instance.node,
                reason: .typeMismatch(expected: names, found: instance.kind.name))
            return
        }
        // A property discriminates when several branches pin its value with `const` or `enum`.
        var pinnedBy: [String: Int] = [:]
        for hint in hints {
            for name in Set(hint.discriminators.map(\.name)) { pinnedBy[name, default: 0] += 1 }
        }
        let discriminators = Set(pinnedBy.filter { $0.value > 1 }.keys)
        var best: (score: BranchScore, errors: [ValidationError], warnings: [ValidationError])?
        for (index, branch) in branches.enumerated() {
            let errorMark = errors.count
            let warningMark = warnings.count
            var unused = BitSet()
            _ = evaluateInPlace(
                branch, instance, keyword: keyword + "/" + String(index), collect: false, into: &unused)
            let branchErrors = Array(errors[errorMark...])
            let branchWarnings = Array(warnings[warningMark...])
            errors.removeSubrange(errorMark...)
            warnings.removeSubrange(warningMark...)
            let score = BranchScore(
                index: index, hint: hints[index], discriminators: discriminators, instance: instance,
                errors: branchErrors)
            if best == nil || best!.score < score { best = (score, branchErrors, branchWarnings) }
        }
        guard let best, !best.errors.isEmpty else {
            fail(schema, keyword: keyword, instance.node, reason: .noAlternativeMatches)
            return
        }
        errors += best.errors
        warnings += best.warnings
    }
}

/// How close a failing branch came; greater is closer.
struct BranchScore: Comparable {
    /// 2 when a discriminating property matches, 0 when one mismatches, 1 otherwise.
    var discriminator: Int
    /// 1 when the branch allows the instance's type.
    var typeMatches: Int
    /// The depth of the deepest error in the instance.
    var deepest: Int
    var errorCount: Int
    var index: Int

    init(
        index: Int, hint: BranchHint, discriminators: Set<String>, instance: Instance,
        errors: [ValidationError]
    ) {
        self.index = index
        typeMatches = hint.types.map { $0.allows(instance.kind) ? 1 : 0 } ?? 1
        deepest = errors.map(\.instanceDepth).max() ?? 0
        errorCount = errors.count
        var matched = false
        var mismatched = false
        if let properties = instance.properties {
            for discriminator in hint.discriminators where discriminators.contains(discriminator.name) {
                guard let position = properties.position(of: discriminator.name) else { continue }
                let value = properties.entries[position].value
                if discriminator.allowed.contains(where: { JSONEquality.equal(value, $0) }) {
                    matched = true
                } else {
                    mismatched = true
                }
            }
        }
        discriminator = mismatched ? 0 : matched ? 2 : 1
    }

    static func < (lhs: BranchScore, rhs: BranchScore) -> Bool {
        (lhs.discriminator, lhs.typeMatches, lhs.deepest, -lhs.errorCount, -lhs.index)
            < (rhs.discriminator, rhs.typeMatches, rhs.deepest, -rhs.errorCount, -rhs.index)
    }

    static func == (lhs: BranchScore, rhs: BranchScore) -> Bool {
        lhs.discriminator == rhs.discriminator && lhs.typeMatches == rhs.typeMatches
            && lhs.deepest == rhs.deepest
            && lhs.errorCount == rhs.errorCount && lhs.index == rhs.index
    }
}
