import GLCore

/// A GL object namespace: names handed out by glGen*/glCreate*, objects made on first bind (or at once by
/// glCreate*), name 0 reserved.
struct GLNamespace<Object: AnyObject> {
    private var objects: [GLuint: Object?] = [:]
    private var next: GLuint = 1

    /// Reserves `n` unused names.
    mutating func generate(_ n: Int) -> [GLuint] {
        var names: [GLuint] = []
        while names.count < n {
            if objects[next] == nil {
                objects[next] = .some(nil)
                names.append(next)
            }
            next = next == GLuint.max ? 1 : next + 1
        }
        return names
    }

    /// Reserves `name` itself (compatibility-profile binds of names never generated); false for 0.
    @discardableResult
    mutating func reserve(_ name: GLuint) -> Bool {
        guard name != 0 else { return false }
        if objects[name] == nil { objects[name] = .some(nil) }
        return true
    }

    /// True for a name reserved by generate (with or without an object yet).
    func isReserved(_ name: GLuint) -> Bool { name != 0 && objects[name] != nil }

    /// The object behind `name`, if one has been made.
    subscript(name: GLuint) -> Object? {
        objects[name] ?? nil
    }

    /// The object behind `name`, made with `make` when the name is reserved but has none yet. Nil for a name
    /// that was never generated (core-profile binds then fail with GL_INVALID_OPERATION).
    mutating func object(_ name: GLuint, make: () -> Object) -> Object? {
        guard let entry = objects[name] else { return nil }
        if let o = entry { return o }
        let o = make()
        objects[name] = .some(o)
        return o
    }

    /// The object behind `name`, made on the spot; with `creatingUnreserved`, for a name never generated too
    /// (compatibility-profile binds of textures and buffers, glBindFramebufferEXT), as with `reserve` first.
    mutating func object(_ name: GLuint, creatingUnreserved: Bool, make: () -> Object) -> Object? {
        if creatingUnreserved { reserve(name) }
        return object(name, make: make)
    }

    /// Frees `name`; returns the object it had.
    @discardableResult
    mutating func delete(_ name: GLuint) -> Object? {
        guard name != 0, let entry = objects.removeValue(forKey: name) else { return nil }
        return entry
    }

    var count: Int { objects.count }

    /// Every object made so far.
    var allObjects: [Object] { objects.values.compactMap { $0 } }
}

extension GLContext {
    /// Writes the names `generate` reserves to `out` after checking `n`.
    func generateNames<O>(_ command: GLCommand, _ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?, _ space: inout GLNamespace<O>) -> [GLuint] {
        guard n >= 0 else {
            recordError(GL_INVALID_VALUE, command, "n = \(n) < 0")
            return []
        }
        guard let out, n > 0 else { return [] }
        let names = space.generate(Int(n))
        for (i, name) in names.enumerated() { out[i] = name }
        return names
    }

    /// The names in a glDelete* array, after checking `n`.
    func namesToDelete(_ command: GLCommand, _ n: GLsizei, _ names: UnsafePointer<GLuint>?) -> [GLuint] {
        guard n >= 0 else {
            recordError(GL_INVALID_VALUE, command, "n = \(n) < 0")
            return []
        }
        guard let names else { return [] }
        return (0..<Int(n)).map { names[$0] }
    }
}
