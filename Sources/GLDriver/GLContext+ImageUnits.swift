import GLCore
import ShaderCompiler
import VirglProtocol
import VirglTransport

/// One image unit (glBindImageTexture): a texture level (or one layer of it) that shaders load, store and run
/// atomics on, seen as `format`.
struct GLImageUnit {
    var texture: GLTexture?
    var level: GLint = 0
    var layered = false
    var layer: GLint = 0
    var access: GLenum = GL_READ_ONLY
    var format: GLenum = GL_R8
}

/// The context's image units, the limits the host allows, and what SET_SHADER_IMAGES last sent per stage.
struct GLImageUnitState {
    /// The image units VirglGL keeps (GL_MAX_IMAGE_UNITS is this, or 0 on a host without images).
    static let unitCount = 8
    var units = [GLImageUnit](repeating: GLImageUnit(), count: unitCount)
    /// Whether the host runs image load/store (GL 4.2 and image caps): set when the host connects.
    var supported = false
    var maxFragmentImages = 0
    var maxOtherStageImages = 0
    var maxImageSamples = 0
    /// Per virgl stage: the first slot and the images SET_SHADER_IMAGES last sent.
    var emitted: [UInt32: (start: Int, images: [VirglShaderImage])] = [:]
}

extension GLContext {
    /// The formats glBindImageTexture takes (GL 4.6 table 8.26), with their texel sizes (compatibility by size).
    static let imageUnitFormats: [GLenum: Int] = [
        GL_RGBA32F: 16, GL_RGBA16F: 8, GL_RG32F: 8, GL_RG16F: 4, GL_R11F_G11F_B10F: 4, GL_R32F: 4, GL_R16F: 2,
        GL_RGBA32UI: 16, GL_RGBA16UI: 8, GL_RGB10_A2UI: 4, GL_RGBA8UI: 4, GL_RG32UI: 8, GL_RG16UI: 4, GL_RG8UI: 2,
        GL_R32UI: 4, GL_R16UI: 2, GL_R8UI: 1,
        GL_RGBA32I: 16, GL_RGBA16I: 8, GL_RGBA8I: 4, GL_RG32I: 8, GL_RG16I: 4, GL_RG8I: 2, GL_R32I: 4, GL_R16I: 2, GL_R8I: 1,
        GL_RGBA16: 8, GL_RGB10_A2: 4, GL_RGBA8: 4, GL_RG16: 4, GL_RG8: 2, GL_R16: 2, GL_R8: 1,
        GL_RGBA16_SNORM: 8, GL_RGBA8_SNORM: 4, GL_RG16_SNORM: 4, GL_RG8_SNORM: 2, GL_R16_SNORM: 2, GL_R8_SNORM: 1,
    ]

    /// Whether GL_ARB_shader_image_load_store is there: a GL 4.2 host whose caps allow images.
    var supportsImageLoadStore: Bool {
        _ = host  // read when the host connects
        return imageUnits.supported
    }

    /// GL_MAX_IMAGE_UNITS.
    var maxImageUnits: Int { supportsImageLoadStore ? GLImageUnitState.unitCount : 0 }

    /// Reads the image limits from the host's caps (when it connects).
    func applyImageLimits(_ caps: VirglCapsV2) {
        let v = caps.hostGLVersion
        guard (v.major, v.minor) >= (4, 2), caps.maxShaderImageFragCompute > 0 else { return }
        imageUnits.supported = true
        imageUnits.maxFragmentImages = min(GLImageUnitState.unitCount, Int(caps.maxShaderImageFragCompute))
        imageUnits.maxOtherStageImages = min(GLImageUnitState.unitCount, Int(caps.maxShaderImageOtherStages))
        imageUnits.maxImageSamples = Int(caps.maxImageSamples)
    }

    /// The image limits for glGet (nil: not an image parameter, or images are not supported).
    func imageQueryValue(_ pname: GLenum) -> GLQueryValue? {
        guard supportsImageLoadStore else { return nil }
        let u = imageUnits
        switch pname {
        case GL_MAX_IMAGE_UNITS, GL_MAX_COMBINED_IMAGE_UNIFORMS: return .ints([Int64(maxImageUnits)])
        case GL_MAX_COMBINED_IMAGE_UNITS_AND_FRAGMENT_OUTPUTS: return .ints([Int64(maxImageUnits + Int(state.limits.maxDrawBuffers))])
        case GL_MAX_IMAGE_SAMPLES: return .ints([Int64(u.maxImageSamples)])
        case GL_MAX_FRAGMENT_IMAGE_UNIFORMS: return .ints([Int64(u.maxFragmentImages)])
        case GL_MAX_VERTEX_IMAGE_UNIFORMS, GL_MAX_GEOMETRY_IMAGE_UNIFORMS, GL_MAX_TESS_CONTROL_IMAGE_UNIFORMS,
             GL_MAX_TESS_EVALUATION_IMAGE_UNIFORMS:
            return .ints([Int64(u.maxOtherStageImages)])
        default: return nil
        }
    }

    /// glGetIntegeri_v / glGetBooleani_v of GL_IMAGE_BINDING_*: nil when `pname` is not one; .some(nil) when it
    /// is and the index is out of range (GL_INVALID_VALUE recorded).
    func imageIndexedQuery(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> GLQueryValue?? {
        guard supportsImageLoadStore, [GL_IMAGE_BINDING_NAME, GL_IMAGE_BINDING_LEVEL, GL_IMAGE_BINDING_LAYERED, GL_IMAGE_BINDING_LAYER,
              GL_IMAGE_BINDING_ACCESS, GL_IMAGE_BINDING_FORMAT].contains(pname) else { return nil }
        guard Int(index) < maxImageUnits else {
            recordError(GL_INVALID_VALUE, command, "image unit \(index) ≥ GL_MAX_IMAGE_UNITS")
            return .some(nil)
        }
        let u = imageUnits.units[Int(index)]
        switch pname {
        case GL_IMAGE_BINDING_NAME: return .ints([Int64(u.texture?.name ?? 0)])
        case GL_IMAGE_BINDING_LEVEL: return .ints([Int64(u.level)])
        case GL_IMAGE_BINDING_LAYERED: return .bools([u.layered])
        case GL_IMAGE_BINDING_LAYER: return .ints([Int64(u.layer)])
        case GL_IMAGE_BINDING_ACCESS: return .enums([u.access])
        default: return .enums([u.format])
        }
    }

    /// glBindImageTexture (GL 4.6 §8.26).
    func bindImageTexture(_ unit: GLuint, _ texture: GLuint, _ level: GLint, _ layered: GLboolean, _ layer: GLint, _ access: GLenum, _ format: GLenum) {
        let command = GLCommand.glBindImageTexture
        guard Int(unit) < maxImageUnits else { return recordError(GL_INVALID_VALUE, command, "image unit \(unit) ≥ GL_MAX_IMAGE_UNITS") }
        var t: GLTexture?
        if texture != 0 {
            guard let named = textures[texture] else { return recordError(GL_INVALID_VALUE, command, "\(texture) is not a texture") }
            t = named
        }
        guard level >= 0, layer >= 0 else { return recordError(GL_INVALID_VALUE, command, "level \(level), layer \(layer)") }
        guard [GL_READ_ONLY, GL_WRITE_ONLY, GL_READ_WRITE].contains(access) else {
            return recordError(GL_INVALID_ENUM, command, "access \(GLEnumNames.describe(access))")
        }
        guard Self.imageUnitFormats[format] != nil else {
            return recordError(GL_INVALID_VALUE, command, "format \(GLEnumNames.describe(format))")
        }
        imageUnits.units[Int(unit)] = GLImageUnit(texture: t, level: level, layered: layered != 0, layer: layer, access: access, format: format)
    }

    /// A deleted texture leaves the image units it was bound to as they start (GL 4.6 §8.26).
    func unbindImageUnits(_ t: GLTexture) {
        for k in imageUnits.units.indices where imageUnits.units[k].texture === t { imageUnits.units[k] = GLImageUnit() }
    }

    /// glMemoryBarrier: MEMORY_BARRIER with the gallium barrier bits of the GL ones.
    func memoryBarrier(_ command: GLCommand, _ barriers: GLbitfield) {
        // GL 4.2–4.4's bits; GL_ALL_BARRIER_BITS is every bit.
        let known: GLbitfield = 0xFFEF
        guard barriers == GL_ALL_BARRIER_BITS || barriers & ~known == 0 else {
            return recordError(GL_INVALID_VALUE, command, "barrier bits 0x\(String(barriers, radix: 16))")
        }
        // PIPE_BARRIER_*: MAPPED_BUFFER 1<<0, SHADER_BUFFER 1<<1, QUERY_BUFFER 1<<2, VERTEX_BUFFER 1<<3, INDEX_BUFFER
        // 1<<4, CONSTANT_BUFFER 1<<5, INDIRECT_BUFFER 1<<6, TEXTURE 1<<7, IMAGE 1<<8, FRAMEBUFFER 1<<9, STREAMOUT 1<<10.
        let map: [(GLbitfield, UInt32)] = [
            (GL_VERTEX_ATTRIB_ARRAY_BARRIER_BIT, 1 << 3), (GL_ELEMENT_ARRAY_BARRIER_BIT, 1 << 4), (GL_UNIFORM_BARRIER_BIT, 1 << 5),
            (GL_TEXTURE_FETCH_BARRIER_BIT, 1 << 7), (GL_SHADER_IMAGE_ACCESS_BARRIER_BIT, 1 << 8), (GL_COMMAND_BARRIER_BIT, 1 << 6),
            (GL_PIXEL_BUFFER_BARRIER_BIT, 1 << 7), (GL_TEXTURE_UPDATE_BARRIER_BIT, 1 << 7), (GL_BUFFER_UPDATE_BARRIER_BIT, 1 << 0),
            (GL_FRAMEBUFFER_BARRIER_BIT, 1 << 9), (GL_TRANSFORM_FEEDBACK_BARRIER_BIT, 1 << 10), (GL_ATOMIC_COUNTER_BARRIER_BIT, 1 << 1),
            (GL_SHADER_STORAGE_BARRIER_BIT, 1 << 1), (GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT, 1 << 0), (GL_QUERY_BUFFER_BARRIER_BIT, 1 << 2),
        ]
        let flags = barriers == GL_ALL_BARRIER_BITS ? (1 << 12) - 1 : map.reduce(UInt32(0)) { $0 | (barriers & $1.0 != 0 ? $1.1 : 0) }
        guard flags != 0, supportsImageLoadStore else { return }
        commands.encodeMemoryBarrier(flags: flags)
    }

    /// The image unit an image uniform reads (glUniform1i or layout(binding); an array element of a bound array:
    /// the array's binding plus its index).
    func imageUnit(_ p: GLProgram, _ name: String) -> Int {
        if let u = p.samplerUnits[name] { return u }
        if name.hasSuffix("]"), let open = name.lastIndex(of: "["),
           let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), let base = p.samplerUnits[String(name[..<open])] {
            return base + k
        }
        return 0
    }

    /// glUniform1i{v} on image uniforms: units below GL_MAX_IMAGE_UNITS (GL_INVALID_VALUE otherwise, nothing set).
    func setImageUniform(_ command: GLCommand, _ p: GLProgram, _ location: GLint, _ count: GLsizei, _ size: Int, _ kind: UniformSlot.Kind, _ words: UnsafeBufferPointer<UInt32>) {
        guard kind == .int, size == 1 else { return recordError(GL_INVALID_OPERATION, command, "images take glUniform1i") }
        let locations = p.uniformLocations
        var updates: [(String, Int)] = []
        for k in 0..<Int(count) where Int(location) + k < locations.count {
            let unit = Int(Int32(bitPattern: words[k]))
            guard unit >= 0, unit < maxImageUnits else { return recordError(GL_INVALID_VALUE, command, "image unit \(unit)") }
            guard case .image = locations[Int(location) + k].kind else { break }
            updates.append((locations[Int(location) + k].name, unit))
        }
        for (name, unit) in updates { p.samplerUnits[name] = unit }
    }

    /// A link error when a program uses more images than the limits allow (nil: within them).
    func imageLinkError(_ linked: LinkedProgram) -> String? {
        let counts = ProgramCompiler.imageCounts(linked)
        let total = Set(linked.stages.flatMap { $0.shader.images.values }).count
        guard total > 0 else { return nil }
        guard supportsImageLoadStore else { return "error: image uniforms need GL_ARB_shader_image_load_store, which the host lacks" }
        for (stage, n) in counts {
            let limit = stage == .fragment || stage == .compute ? imageUnits.maxFragmentImages : imageUnits.maxOtherStageImages
            if n > limit { return "error: the \(stage) shader uses \(n) images, more than its limit of \(limit)" }
        }
        if total > maxImageUnits { return "error: the program uses \(total) images, more than GL_MAX_COMBINED_IMAGE_UNIFORMS (\(maxImageUnits))" }
        let outputs = linked.fragment.fragmentOutputs.values.reduce(0) { $0 + $1.count }
        if (counts[.fragment] ?? 0) + outputs > maxImageUnits + Int(state.limits.maxDrawBuffers) {
            return "error: images and fragment outputs exceed GL_MAX_COMBINED_IMAGE_UNITS_AND_FRAGMENT_OUTPUTS"
        }
        return nil
    }

    /// What SET_SHADER_IMAGES sends for image unit `unit`: a zero handle for a unit that cannot be used (no
    /// texture, no storage, a level or layer outside it, a format of another size).
    func shaderImage(_ unit: Int, _ command: GLCommand) -> VirglShaderImage {
        let none = VirglShaderImage(format: 0, access: 0, layerOffset: 0, levelSize: 0, resHandle: 0)
        guard unit >= 0, unit < imageUnits.units.count, let t = imageUnits.units[unit].texture else { return none }
        let u = imageUnits.units[unit]
        guard let info = GLFormatTable.lookup(u.format)?.1, let size = Self.imageUnitFormats[u.format] else { return none }
        let access: UInt32 = u.access == GL_READ_ONLY ? 1 : u.access == GL_WRITE_ONLY ? 2 : 3
        if t.target == GL_TEXTURE_BUFFER {
            guard let tb = t.textureBuffer, let r = tb.buffer.resource, Self.imageUnitFormats[tb.internalFormat] == size else { return none }
            let bytes = tb.size > 0 ? tb.size : max(0, tb.buffer.size - tb.offset)
            if u.access != GL_READ_ONLY { tb.buffer.hostWritten = true }
            return VirglShaderImage(format: info.virgl.rawValue, access: access, layerOffset: UInt32(tb.offset), levelSize: UInt32(bytes), resHandle: r.id)
        }
        guard let b = t.base, Self.imageUnitFormats[b.internalFormat] == size, let r = textureResource(t, command) else { return none }
        // The resource's level: an immutable texture's resource holds all its levels, a view's starts at its first.
        let level = Int(u.level) - t.resourceBaseLevel
        guard level >= 0, level <= Int(r.info.lastLevel) else { return none }
        // Layers: an array's or cube map's layers (cube map arrays: layer-faces), a 3D texture's slices at the level.
        let layers: Int
        switch t.target {
        case GL_TEXTURE_3D: layers = max(1, b.depth >> max(0, Int(u.level) - t.baseLevel))
        case GL_TEXTURE_CUBE_MAP: layers = 6
        case GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY: layers = max(1, b.depth)
        default: layers = 1
        }
        let first: Int, last: Int
        if u.layered || layers == 1 {
            (first, last) = (0, layers - 1)
        } else {
            guard Int(u.layer) < layers else { return none }
            (first, last) = (Int(u.layer), Int(u.layer))
        }
        // A view's layers start at its first layer of the store it shares.
        let offset = t.resourceLayerOffset
        return VirglShaderImage(
            format: info.virgl.rawValue, access: access, layerOffset: UInt32(first + offset) | UInt32(last + offset) << 16, levelSize: UInt32(level), resHandle: r.id)
    }

    /// At a draw: the images of each stage of the program (or of its stage `only`, for a program pipeline), sent
    /// where they differ from what the host has.
    func emitImages(_ p: GLProgram, _ command: GLCommand, only: ShaderStage? = nil) {
        guard let linked = p.linkedProgram else { return }
        for (stage, shader) in linked.stages where !shader.images.isEmpty && (only == nil || only == stage) {
            let slots = shader.images.keys
            let start = slots.min()!, end = slots.max()!
            var images: [VirglShaderImage] = []
            images.reserveCapacity(end - start + 1)
            for slot in start...end {
                guard let name = shader.images[slot] else {
                    images.append(VirglShaderImage(format: 0, access: 0, layerOffset: 0, levelSize: 0, resHandle: 0))
                    continue
                }
                images.append(shaderImage(imageUnit(p, name), command))
            }
            let key = UInt32(stage.rawValue)
            if let e = imageUnits.emitted[key], e.start == start, e.images == images { continue }
            commands.encodeSetShaderImages(shaderType: key, startSlot: UInt32(start), images: images)
            imageUnits.emitted[key] = (start, images)
        }
    }

    /// Whether a linked program has image uniforms in any stage.
    static func usesImages(_ linked: LinkedProgram?) -> Bool {
        guard let linked else { return false }
        return !linked.vertex.images.isEmpty || !linked.fragment.images.isEmpty || !(linked.geometry?.images.isEmpty ?? true)
            || !(linked.tessControl?.images.isEmpty ?? true) || !(linked.tessEvaluation?.images.isEmpty ?? true)
    }
}

extension GLDispatch {
    func installImageUnits() {
        glBindImageTexture = { c, unit, texture, level, layered, layer, access, format in
            c.bindImageTexture(unit, texture, level, layered, layer, access, format)
        }
        glMemoryBarrier = { c, barriers in c.memoryBarrier(.glMemoryBarrier, barriers) }
    }
}
