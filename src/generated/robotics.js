/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $Array = $util.global.Array, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $String = $util.global.String, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean, $isFinite = $util.global.isFinite;

// Exported root namespace
const $root = $protobuf.roots["safewire_robotics"] || ($protobuf.roots["safewire_robotics"] = {});

export const safewire = $root.safewire = (() => {

    /**
     * Namespace safewire.
     * @exports safewire
     * @namespace
     */
    const safewire = {};

    safewire.robotics = (function() {

        /**
         * Namespace robotics.
         * @memberof safewire
         * @namespace
         */
        const robotics = {};

        robotics.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof safewire.robotics
             * @namespace
             */
            const v1 = {};

            v1.ActionChunk = (function() {

                /**
                 * Properties of an ActionChunk.
                 * @typedef {Object} safewire.robotics.v1.ActionChunk.$Properties
                 * @property {Long|null} [timestamp_ns] ActionChunk timestamp_ns
                 * @property {Long|null} [timestep] ActionChunk timestep
                 * @property {Long|null} [step_ns] ActionChunk step_ns
                 * @property {safewire.robotics.v1.Tensor.$Properties|null} [actions] ActionChunk actions
                 * @property {Array.<string>|null} [action_names] ActionChunk action_names
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an ActionChunk.
                 * @memberof safewire.robotics.v1
                 * @interface IActionChunk
                 * @augments safewire.robotics.v1.ActionChunk.$Properties
                 * @deprecated Use safewire.robotics.v1.ActionChunk.$Properties instead.
                 */

                /**
                 * Shape of an ActionChunk.
                 * @typedef {safewire.robotics.v1.ActionChunk.$Properties} safewire.robotics.v1.ActionChunk.$Shape
                 */

                /**
                 * Constructs a new ActionChunk.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an ActionChunk.
                 * @constructor
                 * @param {safewire.robotics.v1.ActionChunk.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ActionChunk = function (properties) {
                    this.action_names = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ActionChunk timestamp_ns.
                 * @member {Long} timestamp_ns
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 */
                ActionChunk.prototype.timestamp_ns = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * ActionChunk timestep.
                 * @member {Long} timestep
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 */
                ActionChunk.prototype.timestep = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * ActionChunk step_ns.
                 * @member {Long} step_ns
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 */
                ActionChunk.prototype.step_ns = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * ActionChunk actions.
                 * @member {safewire.robotics.v1.Tensor.$Properties|null|undefined} actions
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 */
                ActionChunk.prototype.actions = null;

                /**
                 * ActionChunk action_names.
                 * @member {Array.<string>} action_names
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 */
                ActionChunk.prototype.action_names = $util.emptyArray;

                /**
                 * Creates a new ActionChunk instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {safewire.robotics.v1.ActionChunk.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.ActionChunk} ActionChunk instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.ActionChunk.$Shape): safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape;
                 *   (properties?: safewire.robotics.v1.ActionChunk.$Properties): safewire.robotics.v1.ActionChunk;
                 * }}
                 */
                ActionChunk.create = function(properties) {
                    return new ActionChunk(properties);
                };

                /**
                 * Encodes the specified ActionChunk message. Does not implicitly {@link safewire.robotics.v1.ActionChunk.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {safewire.robotics.v1.ActionChunk.$Properties} message ActionChunk message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ActionChunk.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns") && (typeof message.timestamp_ns === "object" ? message.timestamp_ns.low || message.timestamp_ns.high : message.timestamp_ns !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).int64(message.timestamp_ns);
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep") && (typeof message.timestep === "object" ? message.timestep.low || message.timestep.high : message.timestep !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.timestep);
                    if (message.step_ns != null && $Object.hasOwnProperty.call(message, "step_ns") && (typeof message.step_ns === "object" ? message.step_ns.low || message.step_ns.high : message.step_ns !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.step_ns);
                    if (message.actions != null && $Object.hasOwnProperty.call(message, "actions"))
                        $root.safewire.robotics.v1.Tensor.encode(message.actions, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.action_names != null && message.action_names.length)
                        for (let i = 0; i < message.action_names.length; ++i)
                            writer.uint32(/* id 5, wireType 2 =*/42).string(message.action_names[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified ActionChunk message, length delimited. Does not implicitly {@link safewire.robotics.v1.ActionChunk.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {safewire.robotics.v1.ActionChunk.$Properties} message ActionChunk message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ActionChunk.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an ActionChunk message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape} ActionChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ActionChunk.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.ActionChunk();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.timestamp_ns = value;
                                else
                                    delete message.timestamp_ns;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.timestep = value;
                                else
                                    delete message.timestep;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.step_ns = value;
                                else
                                    delete message.step_ns;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.actions = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, message.actions);
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.action_names && message.action_names.length))
                                    message.action_names = [];
                                message.action_names.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an ActionChunk message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape} ActionChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ActionChunk.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an ActionChunk message.
                 * @function verify
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                ActionChunk.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns"))
                        if (!$util.isInteger(message.timestamp_ns) && !(message.timestamp_ns && $util.isInteger(message.timestamp_ns.low) && $util.isInteger(message.timestamp_ns.high)))
                            return "timestamp_ns: integer|Long expected";
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep"))
                        if (!$util.isInteger(message.timestep) && !(message.timestep && $util.isInteger(message.timestep.low) && $util.isInteger(message.timestep.high)))
                            return "timestep: integer|Long expected";
                    if (message.step_ns != null && $Object.hasOwnProperty.call(message, "step_ns"))
                        if (!$util.isInteger(message.step_ns) && !(message.step_ns && $util.isInteger(message.step_ns.low) && $util.isInteger(message.step_ns.high)))
                            return "step_ns: integer|Long expected";
                    if (message.actions != null && $Object.hasOwnProperty.call(message, "actions")) {
                        let error = $root.safewire.robotics.v1.Tensor.verify(message.actions, _depth + 1);
                        if (error)
                            return "actions." + error;
                    }
                    if (message.action_names != null && $Object.hasOwnProperty.call(message, "action_names")) {
                        if (!$Array.isArray(message.action_names))
                            return "action_names: array expected";
                        for (let i = 0; i < message.action_names.length; ++i)
                            if (!$util.isString(message.action_names[i]))
                                return "action_names: string[] expected";
                    }
                    return null;
                };

                /**
                 * Creates an ActionChunk message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.ActionChunk} ActionChunk
                 */
                ActionChunk.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.ActionChunk)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.ActionChunk: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.ActionChunk();
                    if (object.timestamp_ns != null)
                        if (typeof object.timestamp_ns === "object" ? object.timestamp_ns.low || object.timestamp_ns.high : $Number(object.timestamp_ns) !== 0)
                            if ($util.Long)
                                message.timestamp_ns = $util.Long.fromValue(object.timestamp_ns, false);
                            else if (typeof object.timestamp_ns === "string")
                                message.timestamp_ns = $parseInt(object.timestamp_ns, 10);
                            else if (typeof object.timestamp_ns === "number")
                                message.timestamp_ns = object.timestamp_ns;
                            else if (typeof object.timestamp_ns === "object")
                                message.timestamp_ns = new $util.LongBits(object.timestamp_ns.low >>> 0, object.timestamp_ns.high >>> 0).toNumber();
                    if (object.timestep != null)
                        if (typeof object.timestep === "object" ? object.timestep.low || object.timestep.high : $Number(object.timestep) !== 0)
                            if ($util.Long)
                                message.timestep = $util.Long.fromValue(object.timestep, false);
                            else if (typeof object.timestep === "string")
                                message.timestep = $parseInt(object.timestep, 10);
                            else if (typeof object.timestep === "number")
                                message.timestep = object.timestep;
                            else if (typeof object.timestep === "object")
                                message.timestep = new $util.LongBits(object.timestep.low >>> 0, object.timestep.high >>> 0).toNumber();
                    if (object.step_ns != null)
                        if (typeof object.step_ns === "object" ? object.step_ns.low || object.step_ns.high : $Number(object.step_ns) !== 0)
                            if ($util.Long)
                                message.step_ns = $util.Long.fromValue(object.step_ns, false);
                            else if (typeof object.step_ns === "string")
                                message.step_ns = $parseInt(object.step_ns, 10);
                            else if (typeof object.step_ns === "number")
                                message.step_ns = object.step_ns;
                            else if (typeof object.step_ns === "object")
                                message.step_ns = new $util.LongBits(object.step_ns.low >>> 0, object.step_ns.high >>> 0).toNumber();
                    if (object.actions != null) {
                        if (!$util.isObject(object.actions))
                            throw $TypeError(".safewire.robotics.v1.ActionChunk.actions: object expected");
                        message.actions = $root.safewire.robotics.v1.Tensor.fromObject(object.actions, _depth + 1);
                    }
                    if (object.action_names) {
                        if (!$Array.isArray(object.action_names))
                            throw $TypeError(".safewire.robotics.v1.ActionChunk.action_names: array expected");
                        message.action_names = $Array(object.action_names.length);
                        for (let i = 0; i < object.action_names.length; ++i)
                            message.action_names[i] = $String(object.action_names[i]);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an ActionChunk message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {safewire.robotics.v1.ActionChunk} message ActionChunk
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                ActionChunk.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.action_names = [];
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.timestamp_ns = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.timestamp_ns = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.timestep = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.timestep = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.step_ns = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.step_ns = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.actions = null;
                    }
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.timestamp_ns = typeof message.timestamp_ns === "number" ? $BigInt(message.timestamp_ns) : $util.Long.fromBits(message.timestamp_ns.low >>> 0, message.timestamp_ns.high >>> 0, false).toBigInt();
                        else if (typeof message.timestamp_ns === "number")
                            object.timestamp_ns = options.longs === $String ? $String(message.timestamp_ns) : message.timestamp_ns;
                        else
                            object.timestamp_ns = options.longs === $String ? $util.Long.prototype.toString.call(message.timestamp_ns) : options.longs === $Number ? new $util.LongBits(message.timestamp_ns.low >>> 0, message.timestamp_ns.high >>> 0).toNumber() : message.timestamp_ns;
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.timestep = typeof message.timestep === "number" ? $BigInt(message.timestep) : $util.Long.fromBits(message.timestep.low >>> 0, message.timestep.high >>> 0, false).toBigInt();
                        else if (typeof message.timestep === "number")
                            object.timestep = options.longs === $String ? $String(message.timestep) : message.timestep;
                        else
                            object.timestep = options.longs === $String ? $util.Long.prototype.toString.call(message.timestep) : options.longs === $Number ? new $util.LongBits(message.timestep.low >>> 0, message.timestep.high >>> 0).toNumber() : message.timestep;
                    if (message.step_ns != null && $Object.hasOwnProperty.call(message, "step_ns"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.step_ns = typeof message.step_ns === "number" ? $BigInt(message.step_ns) : $util.Long.fromBits(message.step_ns.low >>> 0, message.step_ns.high >>> 0, false).toBigInt();
                        else if (typeof message.step_ns === "number")
                            object.step_ns = options.longs === $String ? $String(message.step_ns) : message.step_ns;
                        else
                            object.step_ns = options.longs === $String ? $util.Long.prototype.toString.call(message.step_ns) : options.longs === $Number ? new $util.LongBits(message.step_ns.low >>> 0, message.step_ns.high >>> 0).toNumber() : message.step_ns;
                    if (message.actions != null && $Object.hasOwnProperty.call(message, "actions"))
                        object.actions = $root.safewire.robotics.v1.Tensor.toObject(message.actions, options, _depth + 1);
                    if (message.action_names && message.action_names.length) {
                        object.action_names = $Array(message.action_names.length);
                        for (let j = 0; j < message.action_names.length; ++j)
                            object.action_names[j] = message.action_names[j];
                    }
                    return object;
                };

                /**
                 * Converts this ActionChunk to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                ActionChunk.prototype.toJSON = function() {
                    return ActionChunk.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for ActionChunk
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.ActionChunk
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ActionChunk.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.ActionChunk";
                };

                return ActionChunk;
            })();

            v1.Tensor = (function() {

                /**
                 * Properties of a Tensor.
                 * @typedef {Object} safewire.robotics.v1.Tensor.$Properties
                 * @property {string|null} [dtype] Tensor dtype
                 * @property {Array.<number>|null} [shape] Tensor shape
                 * @property {Uint8Array|null} [data] Tensor data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Tensor.
                 * @memberof safewire.robotics.v1
                 * @interface ITensor
                 * @augments safewire.robotics.v1.Tensor.$Properties
                 * @deprecated Use safewire.robotics.v1.Tensor.$Properties instead.
                 */

                /**
                 * Shape of a Tensor.
                 * @typedef {safewire.robotics.v1.Tensor.$Properties} safewire.robotics.v1.Tensor.$Shape
                 */

                /**
                 * Constructs a new Tensor.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a Tensor.
                 * @constructor
                 * @param {safewire.robotics.v1.Tensor.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Tensor = function (properties) {
                    this.shape = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Tensor dtype.
                 * @member {string} dtype
                 * @memberof safewire.robotics.v1.Tensor
                 * @instance
                 */
                Tensor.prototype.dtype = "";

                /**
                 * Tensor shape.
                 * @member {Array.<number>} shape
                 * @memberof safewire.robotics.v1.Tensor
                 * @instance
                 */
                Tensor.prototype.shape = $util.emptyArray;

                /**
                 * Tensor data.
                 * @member {Uint8Array} data
                 * @memberof safewire.robotics.v1.Tensor
                 * @instance
                 */
                Tensor.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new Tensor instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {safewire.robotics.v1.Tensor.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Tensor} Tensor instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Tensor.$Shape): safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape;
                 *   (properties?: safewire.robotics.v1.Tensor.$Properties): safewire.robotics.v1.Tensor;
                 * }}
                 */
                Tensor.create = function(properties) {
                    return new Tensor(properties);
                };

                /**
                 * Encodes the specified Tensor message. Does not implicitly {@link safewire.robotics.v1.Tensor.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {safewire.robotics.v1.Tensor.$Properties} message Tensor message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Tensor.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype") && message.dtype !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.dtype);
                    if (message.shape != null && message.shape.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.shape);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Tensor message, length delimited. Does not implicitly {@link safewire.robotics.v1.Tensor.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {safewire.robotics.v1.Tensor.$Properties} message Tensor message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Tensor.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Tensor message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape} Tensor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Tensor.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Tensor();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.dtype = value;
                                else
                                    delete message.dtype;
                                continue;
                            }
                        case 2: {
                                if (wireType === 2) {
                                    if (!(message.shape && message.shape.length))
                                        message.shape = [];
                                    reader.uint32s(message.shape);
                                    continue;
                                }
                                if (wireType !== 0)
                                    break;
                                if (!(message.shape && message.shape.length))
                                    message.shape = [];
                                message.shape.push(reader.uint32());
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.data = value;
                                else
                                    delete message.data;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Tensor message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape} Tensor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Tensor.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Tensor message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Tensor.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                        if (!$util.isString(message.dtype))
                            return "dtype: string expected";
                    if (message.shape != null && $Object.hasOwnProperty.call(message, "shape")) {
                        if (!$Array.isArray(message.shape))
                            return "shape: array expected";
                        for (let i = 0; i < message.shape.length; ++i)
                            if (!$util.isInteger(message.shape[i]))
                                return "shape: integer[] expected";
                    }
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                            return "data: buffer expected";
                    return null;
                };

                /**
                 * Creates a Tensor message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Tensor} Tensor
                 */
                Tensor.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Tensor)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Tensor: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Tensor();
                    if (object.dtype != null)
                        if (typeof object.dtype !== "string" || object.dtype.length)
                            message.dtype = $String(object.dtype);
                    if (object.shape) {
                        if (!$Array.isArray(object.shape))
                            throw $TypeError(".safewire.robotics.v1.Tensor.shape: array expected");
                        message.shape = $Array(object.shape.length);
                        for (let i = 0; i < object.shape.length; ++i)
                            message.shape[i] = object.shape[i] >>> 0;
                    }
                    if (object.data != null)
                        if (object.data.length)
                            if (typeof object.data === "string")
                                $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                            else if (object.data.length >= 0)
                                message.data = object.data;
                    return message;
                };

                /**
                 * Creates a plain object from a Tensor message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {safewire.robotics.v1.Tensor} message Tensor
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Tensor.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.shape = [];
                    if (options.defaults) {
                        object.dtype = "";
                        if (options.bytes === $String)
                            object.data = "";
                        else {
                            object.data = [];
                            if (options.bytes !== $Array)
                                object.data = $util.newBuffer(object.data);
                        }
                    }
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                        object.dtype = message.dtype;
                    if (message.shape && message.shape.length) {
                        object.shape = $Array(message.shape.length);
                        for (let j = 0; j < message.shape.length; ++j)
                            object.shape[j] = message.shape[j];
                    }
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                    return object;
                };

                /**
                 * Converts this Tensor to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Tensor
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Tensor.prototype.toJSON = function() {
                    return Tensor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Tensor
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Tensor
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Tensor.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Tensor";
                };

                return Tensor;
            })();

            v1.Image = (function() {

                /**
                 * Properties of an Image.
                 * @typedef {Object} safewire.robotics.v1.Image.$Properties
                 * @property {number|null} [height] Image height
                 * @property {number|null} [width] Image width
                 * @property {string|null} [encoding] Image encoding
                 * @property {number|null} [step] Image step
                 * @property {Uint8Array|null} [data] Image data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Image.
                 * @memberof safewire.robotics.v1
                 * @interface IImage
                 * @augments safewire.robotics.v1.Image.$Properties
                 * @deprecated Use safewire.robotics.v1.Image.$Properties instead.
                 */

                /**
                 * Shape of an Image.
                 * @typedef {safewire.robotics.v1.Image.$Properties} safewire.robotics.v1.Image.$Shape
                 */

                /**
                 * Constructs a new Image.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an Image.
                 * @constructor
                 * @param {safewire.robotics.v1.Image.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Image = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Image height.
                 * @member {number} height
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 */
                Image.prototype.height = 0;

                /**
                 * Image width.
                 * @member {number} width
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 */
                Image.prototype.width = 0;

                /**
                 * Image encoding.
                 * @member {string} encoding
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 */
                Image.prototype.encoding = "";

                /**
                 * Image step.
                 * @member {number} step
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 */
                Image.prototype.step = 0;

                /**
                 * Image data.
                 * @member {Uint8Array} data
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 */
                Image.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new Image instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {safewire.robotics.v1.Image.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Image} Image instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Image.$Shape): safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape;
                 *   (properties?: safewire.robotics.v1.Image.$Properties): safewire.robotics.v1.Image;
                 * }}
                 */
                Image.create = function(properties) {
                    return new Image(properties);
                };

                /**
                 * Encodes the specified Image message. Does not implicitly {@link safewire.robotics.v1.Image.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {safewire.robotics.v1.Image.$Properties} message Image message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Image.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.height != null && $Object.hasOwnProperty.call(message, "height") && message.height !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.height);
                    if (message.width != null && $Object.hasOwnProperty.call(message, "width") && message.width !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.width);
                    if (message.encoding != null && $Object.hasOwnProperty.call(message, "encoding") && message.encoding !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.encoding);
                    if (message.step != null && $Object.hasOwnProperty.call(message, "step") && message.step !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.step);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                        writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.data);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Image message, length delimited. Does not implicitly {@link safewire.robotics.v1.Image.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {safewire.robotics.v1.Image.$Properties} message Image message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Image.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Image message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape} Image
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Image.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Image();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.height = value;
                                else
                                    delete message.height;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.width = value;
                                else
                                    delete message.width;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.encoding = value;
                                else
                                    delete message.encoding;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.step = value;
                                else
                                    delete message.step;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.data = value;
                                else
                                    delete message.data;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Image message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape} Image
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Image.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Image message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Image.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                        if (!$util.isInteger(message.height))
                            return "height: integer expected";
                    if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                        if (!$util.isInteger(message.width))
                            return "width: integer expected";
                    if (message.encoding != null && $Object.hasOwnProperty.call(message, "encoding"))
                        if (!$util.isString(message.encoding))
                            return "encoding: string expected";
                    if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                        if (!$util.isInteger(message.step))
                            return "step: integer expected";
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                            return "data: buffer expected";
                    return null;
                };

                /**
                 * Creates an Image message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Image} Image
                 */
                Image.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Image)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Image: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Image();
                    if (object.height != null)
                        if ($Number(object.height) !== 0)
                            message.height = object.height >>> 0;
                    if (object.width != null)
                        if ($Number(object.width) !== 0)
                            message.width = object.width >>> 0;
                    if (object.encoding != null)
                        if (typeof object.encoding !== "string" || object.encoding.length)
                            message.encoding = $String(object.encoding);
                    if (object.step != null)
                        if ($Number(object.step) !== 0)
                            message.step = object.step >>> 0;
                    if (object.data != null)
                        if (object.data.length)
                            if (typeof object.data === "string")
                                $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                            else if (object.data.length >= 0)
                                message.data = object.data;
                    return message;
                };

                /**
                 * Creates a plain object from an Image message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {safewire.robotics.v1.Image} message Image
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Image.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.height = 0;
                        object.width = 0;
                        object.encoding = "";
                        object.step = 0;
                        if (options.bytes === $String)
                            object.data = "";
                        else {
                            object.data = [];
                            if (options.bytes !== $Array)
                                object.data = $util.newBuffer(object.data);
                        }
                    }
                    if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                        object.height = message.height;
                    if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                        object.width = message.width;
                    if (message.encoding != null && $Object.hasOwnProperty.call(message, "encoding"))
                        object.encoding = message.encoding;
                    if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                        object.step = message.step;
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                    return object;
                };

                /**
                 * Converts this Image to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Image
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Image.prototype.toJSON = function() {
                    return Image.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Image
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Image
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Image.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Image";
                };

                return Image;
            })();

            v1.Observation = (function() {

                /**
                 * Properties of an Observation.
                 * @typedef {Object} safewire.robotics.v1.Observation.$Properties
                 * @property {Long|null} [timestamp_ns] Observation timestamp_ns
                 * @property {Long|null} [timestep] Observation timestep
                 * @property {string|null} [task] Observation task
                 * @property {boolean|null} [must_go] Observation must_go
                 * @property {safewire.robotics.v1.Tensor.$Properties|null} [state] Observation state
                 * @property {Array.<string>|null} [state_names] Observation state_names
                 * @property {Object.<string,safewire.robotics.v1.Image.$Properties>|null} [images] Observation images
                 * @property {Object.<string,safewire.robotics.v1.Tensor.$Properties>|null} [extras] Observation extras
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Observation.
                 * @memberof safewire.robotics.v1
                 * @interface IObservation
                 * @augments safewire.robotics.v1.Observation.$Properties
                 * @deprecated Use safewire.robotics.v1.Observation.$Properties instead.
                 */

                /**
                 * Shape of an Observation.
                 * @typedef {safewire.robotics.v1.Observation.$Properties} safewire.robotics.v1.Observation.$Shape
                 */

                /**
                 * Constructs a new Observation.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an Observation.
                 * @constructor
                 * @param {safewire.robotics.v1.Observation.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Observation = function (properties) {
                    this.state_names = [];
                    this.images = {};
                    this.extras = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Observation timestamp_ns.
                 * @member {Long} timestamp_ns
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.timestamp_ns = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Observation timestep.
                 * @member {Long} timestep
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.timestep = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Observation task.
                 * @member {string} task
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.task = "";

                /**
                 * Observation must_go.
                 * @member {boolean} must_go
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.must_go = false;

                /**
                 * Observation state.
                 * @member {safewire.robotics.v1.Tensor.$Properties|null|undefined} state
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.state = null;

                /**
                 * Observation state_names.
                 * @member {Array.<string>} state_names
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.state_names = $util.emptyArray;

                /**
                 * Observation images.
                 * @member {Object.<string,safewire.robotics.v1.Image.$Properties>} images
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.images = $util.emptyObject;

                /**
                 * Observation extras.
                 * @member {Object.<string,safewire.robotics.v1.Tensor.$Properties>} extras
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 */
                Observation.prototype.extras = $util.emptyObject;

                /**
                 * Creates a new Observation instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {safewire.robotics.v1.Observation.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Observation} Observation instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Observation.$Shape): safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape;
                 *   (properties?: safewire.robotics.v1.Observation.$Properties): safewire.robotics.v1.Observation;
                 * }}
                 */
                Observation.create = function(properties) {
                    return new Observation(properties);
                };

                /**
                 * Encodes the specified Observation message. Does not implicitly {@link safewire.robotics.v1.Observation.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {safewire.robotics.v1.Observation.$Properties} message Observation message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Observation.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns") && (typeof message.timestamp_ns === "object" ? message.timestamp_ns.low || message.timestamp_ns.high : message.timestamp_ns !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).int64(message.timestamp_ns);
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep") && (typeof message.timestep === "object" ? message.timestep.low || message.timestep.high : message.timestep !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.timestep);
                    if (message.task != null && $Object.hasOwnProperty.call(message, "task") && message.task !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.task);
                    if (message.must_go != null && $Object.hasOwnProperty.call(message, "must_go") && message.must_go !== false)
                        writer.uint32(/* id 4, wireType 0 =*/32).bool(message.must_go);
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                        $root.safewire.robotics.v1.Tensor.encode(message.state, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.state_names != null && message.state_names.length)
                        for (let i = 0; i < message.state_names.length; ++i)
                            writer.uint32(/* id 6, wireType 2 =*/50).string(message.state_names[i]);
                    if (message.images != null && $Object.hasOwnProperty.call(message, "images"))
                        for (let keys = $Object.keys(message.images), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 7, wireType 2 =*/58).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Image.encode(message.images[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.extras != null && $Object.hasOwnProperty.call(message, "extras"))
                        for (let keys = $Object.keys(message.extras), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 8, wireType 2 =*/66).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Tensor.encode(message.extras[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Observation message, length delimited. Does not implicitly {@link safewire.robotics.v1.Observation.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {safewire.robotics.v1.Observation.$Properties} message Observation message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Observation.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Observation message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Observation.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Observation();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.timestamp_ns = value;
                                else
                                    delete message.timestamp_ns;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.timestep = value;
                                else
                                    delete message.timestep;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.task = value;
                                else
                                    delete message.task;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.must_go = value;
                                else
                                    delete message.must_go;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.state = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, message.state);
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.state_names && message.state_names.length))
                                    message.state_names = [];
                                message.state_names.push(reader.stringVerify());
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if (message.images === $util.emptyObject)
                                    message.images = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Image.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.images, key);
                                message.images[key] = value || new $root.safewire.robotics.v1.Image();
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if (message.extras === $util.emptyObject)
                                    message.extras = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.extras, key);
                                message.extras[key] = value || new $root.safewire.robotics.v1.Tensor();
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Observation message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Observation.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Observation message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Observation.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns"))
                        if (!$util.isInteger(message.timestamp_ns) && !(message.timestamp_ns && $util.isInteger(message.timestamp_ns.low) && $util.isInteger(message.timestamp_ns.high)))
                            return "timestamp_ns: integer|Long expected";
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep"))
                        if (!$util.isInteger(message.timestep) && !(message.timestep && $util.isInteger(message.timestep.low) && $util.isInteger(message.timestep.high)))
                            return "timestep: integer|Long expected";
                    if (message.task != null && $Object.hasOwnProperty.call(message, "task"))
                        if (!$util.isString(message.task))
                            return "task: string expected";
                    if (message.must_go != null && $Object.hasOwnProperty.call(message, "must_go"))
                        if (typeof message.must_go !== "boolean")
                            return "must_go: boolean expected";
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state")) {
                        let error = $root.safewire.robotics.v1.Tensor.verify(message.state, _depth + 1);
                        if (error)
                            return "state." + error;
                    }
                    if (message.state_names != null && $Object.hasOwnProperty.call(message, "state_names")) {
                        if (!$Array.isArray(message.state_names))
                            return "state_names: array expected";
                        for (let i = 0; i < message.state_names.length; ++i)
                            if (!$util.isString(message.state_names[i]))
                                return "state_names: string[] expected";
                    }
                    if (message.images != null && $Object.hasOwnProperty.call(message, "images")) {
                        if (!$util.isObject(message.images))
                            return "images: object expected";
                        let key = $Object.keys(message.images);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Image.verify(message.images[key[i]], _depth + 1);
                            if (error)
                                return "images." + error;
                        }
                    }
                    if (message.extras != null && $Object.hasOwnProperty.call(message, "extras")) {
                        if (!$util.isObject(message.extras))
                            return "extras: object expected";
                        let key = $Object.keys(message.extras);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Tensor.verify(message.extras[key[i]], _depth + 1);
                            if (error)
                                return "extras." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates an Observation message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Observation} Observation
                 */
                Observation.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Observation)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Observation: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Observation();
                    if (object.timestamp_ns != null)
                        if (typeof object.timestamp_ns === "object" ? object.timestamp_ns.low || object.timestamp_ns.high : $Number(object.timestamp_ns) !== 0)
                            if ($util.Long)
                                message.timestamp_ns = $util.Long.fromValue(object.timestamp_ns, false);
                            else if (typeof object.timestamp_ns === "string")
                                message.timestamp_ns = $parseInt(object.timestamp_ns, 10);
                            else if (typeof object.timestamp_ns === "number")
                                message.timestamp_ns = object.timestamp_ns;
                            else if (typeof object.timestamp_ns === "object")
                                message.timestamp_ns = new $util.LongBits(object.timestamp_ns.low >>> 0, object.timestamp_ns.high >>> 0).toNumber();
                    if (object.timestep != null)
                        if (typeof object.timestep === "object" ? object.timestep.low || object.timestep.high : $Number(object.timestep) !== 0)
                            if ($util.Long)
                                message.timestep = $util.Long.fromValue(object.timestep, false);
                            else if (typeof object.timestep === "string")
                                message.timestep = $parseInt(object.timestep, 10);
                            else if (typeof object.timestep === "number")
                                message.timestep = object.timestep;
                            else if (typeof object.timestep === "object")
                                message.timestep = new $util.LongBits(object.timestep.low >>> 0, object.timestep.high >>> 0).toNumber();
                    if (object.task != null)
                        if (typeof object.task !== "string" || object.task.length)
                            message.task = $String(object.task);
                    if (object.must_go != null)
                        if (object.must_go)
                            message.must_go = $Boolean(object.must_go);
                    if (object.state != null) {
                        if (!$util.isObject(object.state))
                            throw $TypeError(".safewire.robotics.v1.Observation.state: object expected");
                        message.state = $root.safewire.robotics.v1.Tensor.fromObject(object.state, _depth + 1);
                    }
                    if (object.state_names) {
                        if (!$Array.isArray(object.state_names))
                            throw $TypeError(".safewire.robotics.v1.Observation.state_names: array expected");
                        message.state_names = $Array(object.state_names.length);
                        for (let i = 0; i < object.state_names.length; ++i)
                            message.state_names[i] = $String(object.state_names[i]);
                    }
                    if (object.images) {
                        if (!$util.isObject(object.images))
                            throw $TypeError(".safewire.robotics.v1.Observation.images: object expected");
                        message.images = {};
                        for (let keys = $Object.keys(object.images), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.images, keys[i]);
                            if (!$util.isObject(object.images[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Observation.images: object expected");
                            message.images[keys[i]] = $root.safewire.robotics.v1.Image.fromObject(object.images[keys[i]], _depth + 1);
                        }
                    }
                    if (object.extras) {
                        if (!$util.isObject(object.extras))
                            throw $TypeError(".safewire.robotics.v1.Observation.extras: object expected");
                        message.extras = {};
                        for (let keys = $Object.keys(object.extras), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.extras, keys[i]);
                            if (!$util.isObject(object.extras[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Observation.extras: object expected");
                            message.extras[keys[i]] = $root.safewire.robotics.v1.Tensor.fromObject(object.extras[keys[i]], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an Observation message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {safewire.robotics.v1.Observation} message Observation
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Observation.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.state_names = [];
                    if (options.objects || options.defaults) {
                        object.images = {};
                        object.extras = {};
                    }
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.timestamp_ns = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.timestamp_ns = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.timestep = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.timestep = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.task = "";
                        object.must_go = false;
                        object.state = null;
                    }
                    if (message.timestamp_ns != null && $Object.hasOwnProperty.call(message, "timestamp_ns"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.timestamp_ns = typeof message.timestamp_ns === "number" ? $BigInt(message.timestamp_ns) : $util.Long.fromBits(message.timestamp_ns.low >>> 0, message.timestamp_ns.high >>> 0, false).toBigInt();
                        else if (typeof message.timestamp_ns === "number")
                            object.timestamp_ns = options.longs === $String ? $String(message.timestamp_ns) : message.timestamp_ns;
                        else
                            object.timestamp_ns = options.longs === $String ? $util.Long.prototype.toString.call(message.timestamp_ns) : options.longs === $Number ? new $util.LongBits(message.timestamp_ns.low >>> 0, message.timestamp_ns.high >>> 0).toNumber() : message.timestamp_ns;
                    if (message.timestep != null && $Object.hasOwnProperty.call(message, "timestep"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.timestep = typeof message.timestep === "number" ? $BigInt(message.timestep) : $util.Long.fromBits(message.timestep.low >>> 0, message.timestep.high >>> 0, false).toBigInt();
                        else if (typeof message.timestep === "number")
                            object.timestep = options.longs === $String ? $String(message.timestep) : message.timestep;
                        else
                            object.timestep = options.longs === $String ? $util.Long.prototype.toString.call(message.timestep) : options.longs === $Number ? new $util.LongBits(message.timestep.low >>> 0, message.timestep.high >>> 0).toNumber() : message.timestep;
                    if (message.task != null && $Object.hasOwnProperty.call(message, "task"))
                        object.task = message.task;
                    if (message.must_go != null && $Object.hasOwnProperty.call(message, "must_go"))
                        object.must_go = message.must_go;
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                        object.state = $root.safewire.robotics.v1.Tensor.toObject(message.state, options, _depth + 1);
                    if (message.state_names && message.state_names.length) {
                        object.state_names = $Array(message.state_names.length);
                        for (let j = 0; j < message.state_names.length; ++j)
                            object.state_names[j] = message.state_names[j];
                    }
                    let keys2;
                    if (message.images && (keys2 = $Object.keys(message.images)).length) {
                        object.images = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.images, keys2[j]);
                            object.images[keys2[j]] = $root.safewire.robotics.v1.Image.toObject(message.images[keys2[j]], options, _depth + 1);
                        }
                    }
                    if (message.extras && (keys2 = $Object.keys(message.extras)).length) {
                        object.extras = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.extras, keys2[j]);
                            object.extras[keys2[j]] = $root.safewire.robotics.v1.Tensor.toObject(message.extras[keys2[j]], options, _depth + 1);
                        }
                    }
                    return object;
                };

                /**
                 * Converts this Observation to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Observation
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Observation.prototype.toJSON = function() {
                    return Observation.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Observation
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Observation
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Observation.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Observation";
                };

                return Observation;
            })();

            v1.Feature = (function() {

                /**
                 * Properties of a Feature.
                 * @typedef {Object} safewire.robotics.v1.Feature.$Properties
                 * @property {string|null} [dtype] Feature dtype
                 * @property {Array.<number>|null} [shape] Feature shape
                 * @property {Array.<string>|null} [names] Feature names
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Feature.
                 * @memberof safewire.robotics.v1
                 * @interface IFeature
                 * @augments safewire.robotics.v1.Feature.$Properties
                 * @deprecated Use safewire.robotics.v1.Feature.$Properties instead.
                 */

                /**
                 * Shape of a Feature.
                 * @typedef {safewire.robotics.v1.Feature.$Properties} safewire.robotics.v1.Feature.$Shape
                 */

                /**
                 * Constructs a new Feature.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a Feature.
                 * @constructor
                 * @param {safewire.robotics.v1.Feature.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Feature = function (properties) {
                    this.shape = [];
                    this.names = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Feature dtype.
                 * @member {string} dtype
                 * @memberof safewire.robotics.v1.Feature
                 * @instance
                 */
                Feature.prototype.dtype = "";

                /**
                 * Feature shape.
                 * @member {Array.<number>} shape
                 * @memberof safewire.robotics.v1.Feature
                 * @instance
                 */
                Feature.prototype.shape = $util.emptyArray;

                /**
                 * Feature names.
                 * @member {Array.<string>} names
                 * @memberof safewire.robotics.v1.Feature
                 * @instance
                 */
                Feature.prototype.names = $util.emptyArray;

                /**
                 * Creates a new Feature instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {safewire.robotics.v1.Feature.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Feature} Feature instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Feature.$Shape): safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape;
                 *   (properties?: safewire.robotics.v1.Feature.$Properties): safewire.robotics.v1.Feature;
                 * }}
                 */
                Feature.create = function(properties) {
                    return new Feature(properties);
                };

                /**
                 * Encodes the specified Feature message. Does not implicitly {@link safewire.robotics.v1.Feature.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {safewire.robotics.v1.Feature.$Properties} message Feature message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Feature.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype") && message.dtype !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.dtype);
                    if (message.shape != null && message.shape.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.shape);
                    if (message.names != null && message.names.length)
                        for (let i = 0; i < message.names.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.names[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Feature message, length delimited. Does not implicitly {@link safewire.robotics.v1.Feature.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {safewire.robotics.v1.Feature.$Properties} message Feature message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Feature.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Feature message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape} Feature
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Feature.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Feature();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.dtype = value;
                                else
                                    delete message.dtype;
                                continue;
                            }
                        case 2: {
                                if (wireType === 2) {
                                    if (!(message.shape && message.shape.length))
                                        message.shape = [];
                                    reader.uint32s(message.shape);
                                    continue;
                                }
                                if (wireType !== 0)
                                    break;
                                if (!(message.shape && message.shape.length))
                                    message.shape = [];
                                message.shape.push(reader.uint32());
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.names && message.names.length))
                                    message.names = [];
                                message.names.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Feature message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape} Feature
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Feature.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Feature message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Feature.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                        if (!$util.isString(message.dtype))
                            return "dtype: string expected";
                    if (message.shape != null && $Object.hasOwnProperty.call(message, "shape")) {
                        if (!$Array.isArray(message.shape))
                            return "shape: array expected";
                        for (let i = 0; i < message.shape.length; ++i)
                            if (!$util.isInteger(message.shape[i]))
                                return "shape: integer[] expected";
                    }
                    if (message.names != null && $Object.hasOwnProperty.call(message, "names")) {
                        if (!$Array.isArray(message.names))
                            return "names: array expected";
                        for (let i = 0; i < message.names.length; ++i)
                            if (!$util.isString(message.names[i]))
                                return "names: string[] expected";
                    }
                    return null;
                };

                /**
                 * Creates a Feature message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Feature} Feature
                 */
                Feature.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Feature)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Feature: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Feature();
                    if (object.dtype != null)
                        if (typeof object.dtype !== "string" || object.dtype.length)
                            message.dtype = $String(object.dtype);
                    if (object.shape) {
                        if (!$Array.isArray(object.shape))
                            throw $TypeError(".safewire.robotics.v1.Feature.shape: array expected");
                        message.shape = $Array(object.shape.length);
                        for (let i = 0; i < object.shape.length; ++i)
                            message.shape[i] = object.shape[i] >>> 0;
                    }
                    if (object.names) {
                        if (!$Array.isArray(object.names))
                            throw $TypeError(".safewire.robotics.v1.Feature.names: array expected");
                        message.names = $Array(object.names.length);
                        for (let i = 0; i < object.names.length; ++i)
                            message.names[i] = $String(object.names[i]);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Feature message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {safewire.robotics.v1.Feature} message Feature
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Feature.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.shape = [];
                        object.names = [];
                    }
                    if (options.defaults)
                        object.dtype = "";
                    if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                        object.dtype = message.dtype;
                    if (message.shape && message.shape.length) {
                        object.shape = $Array(message.shape.length);
                        for (let j = 0; j < message.shape.length; ++j)
                            object.shape[j] = message.shape[j];
                    }
                    if (message.names && message.names.length) {
                        object.names = $Array(message.names.length);
                        for (let j = 0; j < message.names.length; ++j)
                            object.names[j] = message.names[j];
                    }
                    return object;
                };

                /**
                 * Converts this Feature to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Feature
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Feature.prototype.toJSON = function() {
                    return Feature.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Feature
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Feature
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Feature.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Feature";
                };

                return Feature;
            })();

            v1.PolicySetup = (function() {

                /**
                 * Properties of a PolicySetup.
                 * @typedef {Object} safewire.robotics.v1.PolicySetup.$Properties
                 * @property {string|null} [policy_type] PolicySetup policy_type
                 * @property {string|null} [pretrained_name_or_path] PolicySetup pretrained_name_or_path
                 * @property {Object.<string,safewire.robotics.v1.Feature.$Properties>|null} [features] PolicySetup features
                 * @property {number|null} [actions_per_chunk] PolicySetup actions_per_chunk
                 * @property {string|null} [device] PolicySetup device
                 * @property {Object.<string,string>|null} [rename_map] PolicySetup rename_map
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PolicySetup.
                 * @memberof safewire.robotics.v1
                 * @interface IPolicySetup
                 * @augments safewire.robotics.v1.PolicySetup.$Properties
                 * @deprecated Use safewire.robotics.v1.PolicySetup.$Properties instead.
                 */

                /**
                 * Shape of a PolicySetup.
                 * @typedef {safewire.robotics.v1.PolicySetup.$Properties} safewire.robotics.v1.PolicySetup.$Shape
                 */

                /**
                 * Constructs a new PolicySetup.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a PolicySetup.
                 * @constructor
                 * @param {safewire.robotics.v1.PolicySetup.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PolicySetup = function (properties) {
                    this.features = {};
                    this.rename_map = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PolicySetup policy_type.
                 * @member {string} policy_type
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.policy_type = "";

                /**
                 * PolicySetup pretrained_name_or_path.
                 * @member {string} pretrained_name_or_path
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.pretrained_name_or_path = "";

                /**
                 * PolicySetup features.
                 * @member {Object.<string,safewire.robotics.v1.Feature.$Properties>} features
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.features = $util.emptyObject;

                /**
                 * PolicySetup actions_per_chunk.
                 * @member {number} actions_per_chunk
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.actions_per_chunk = 0;

                /**
                 * PolicySetup device.
                 * @member {string} device
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.device = "";

                /**
                 * PolicySetup rename_map.
                 * @member {Object.<string,string>} rename_map
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 */
                PolicySetup.prototype.rename_map = $util.emptyObject;

                /**
                 * Creates a new PolicySetup instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {safewire.robotics.v1.PolicySetup.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.PolicySetup} PolicySetup instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.PolicySetup.$Shape): safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape;
                 *   (properties?: safewire.robotics.v1.PolicySetup.$Properties): safewire.robotics.v1.PolicySetup;
                 * }}
                 */
                PolicySetup.create = function(properties) {
                    return new PolicySetup(properties);
                };

                /**
                 * Encodes the specified PolicySetup message. Does not implicitly {@link safewire.robotics.v1.PolicySetup.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {safewire.robotics.v1.PolicySetup.$Properties} message PolicySetup message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PolicySetup.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.policy_type != null && $Object.hasOwnProperty.call(message, "policy_type") && message.policy_type !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.policy_type);
                    if (message.pretrained_name_or_path != null && $Object.hasOwnProperty.call(message, "pretrained_name_or_path") && message.pretrained_name_or_path !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.pretrained_name_or_path);
                    if (message.features != null && $Object.hasOwnProperty.call(message, "features"))
                        for (let keys = $Object.keys(message.features), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Feature.encode(message.features[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.actions_per_chunk != null && $Object.hasOwnProperty.call(message, "actions_per_chunk") && message.actions_per_chunk !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.actions_per_chunk);
                    if (message.device != null && $Object.hasOwnProperty.call(message, "device") && message.device !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.device);
                    if (message.rename_map != null && $Object.hasOwnProperty.call(message, "rename_map"))
                        for (let keys = $Object.keys(message.rename_map), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 6, wireType 2 =*/50).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.rename_map[keys[i]]).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified PolicySetup message, length delimited. Does not implicitly {@link safewire.robotics.v1.PolicySetup.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {safewire.robotics.v1.PolicySetup.$Properties} message PolicySetup message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PolicySetup.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a PolicySetup message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape} PolicySetup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PolicySetup.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.PolicySetup();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.policy_type = value;
                                else
                                    delete message.policy_type;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.pretrained_name_or_path = value;
                                else
                                    delete message.pretrained_name_or_path;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (message.features === $util.emptyObject)
                                    message.features = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Feature.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.features, key);
                                message.features[key] = value || new $root.safewire.robotics.v1.Feature();
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.actions_per_chunk = value;
                                else
                                    delete message.actions_per_chunk;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.device = value;
                                else
                                    delete message.device;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if (message.rename_map === $util.emptyObject)
                                    message.rename_map = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = reader.stringVerify();
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.rename_map, key);
                                message.rename_map[key] = value;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a PolicySetup message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape} PolicySetup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PolicySetup.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a PolicySetup message.
                 * @function verify
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                PolicySetup.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.policy_type != null && $Object.hasOwnProperty.call(message, "policy_type"))
                        if (!$util.isString(message.policy_type))
                            return "policy_type: string expected";
                    if (message.pretrained_name_or_path != null && $Object.hasOwnProperty.call(message, "pretrained_name_or_path"))
                        if (!$util.isString(message.pretrained_name_or_path))
                            return "pretrained_name_or_path: string expected";
                    if (message.features != null && $Object.hasOwnProperty.call(message, "features")) {
                        if (!$util.isObject(message.features))
                            return "features: object expected";
                        let key = $Object.keys(message.features);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Feature.verify(message.features[key[i]], _depth + 1);
                            if (error)
                                return "features." + error;
                        }
                    }
                    if (message.actions_per_chunk != null && $Object.hasOwnProperty.call(message, "actions_per_chunk"))
                        if (!$util.isInteger(message.actions_per_chunk))
                            return "actions_per_chunk: integer expected";
                    if (message.device != null && $Object.hasOwnProperty.call(message, "device"))
                        if (!$util.isString(message.device))
                            return "device: string expected";
                    if (message.rename_map != null && $Object.hasOwnProperty.call(message, "rename_map")) {
                        if (!$util.isObject(message.rename_map))
                            return "rename_map: object expected";
                        let key = $Object.keys(message.rename_map);
                        for (let i = 0; i < key.length; ++i)
                            if (!$util.isString(message.rename_map[key[i]]))
                                return "rename_map: string{k:string} expected";
                    }
                    return null;
                };

                /**
                 * Creates a PolicySetup message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.PolicySetup} PolicySetup
                 */
                PolicySetup.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.PolicySetup)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.PolicySetup: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.PolicySetup();
                    if (object.policy_type != null)
                        if (typeof object.policy_type !== "string" || object.policy_type.length)
                            message.policy_type = $String(object.policy_type);
                    if (object.pretrained_name_or_path != null)
                        if (typeof object.pretrained_name_or_path !== "string" || object.pretrained_name_or_path.length)
                            message.pretrained_name_or_path = $String(object.pretrained_name_or_path);
                    if (object.features) {
                        if (!$util.isObject(object.features))
                            throw $TypeError(".safewire.robotics.v1.PolicySetup.features: object expected");
                        message.features = {};
                        for (let keys = $Object.keys(object.features), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.features, keys[i]);
                            if (!$util.isObject(object.features[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.PolicySetup.features: object expected");
                            message.features[keys[i]] = $root.safewire.robotics.v1.Feature.fromObject(object.features[keys[i]], _depth + 1);
                        }
                    }
                    if (object.actions_per_chunk != null)
                        if ($Number(object.actions_per_chunk) !== 0)
                            message.actions_per_chunk = object.actions_per_chunk >>> 0;
                    if (object.device != null)
                        if (typeof object.device !== "string" || object.device.length)
                            message.device = $String(object.device);
                    if (object.rename_map) {
                        if (!$util.isObject(object.rename_map))
                            throw $TypeError(".safewire.robotics.v1.PolicySetup.rename_map: object expected");
                        message.rename_map = {};
                        for (let keys = $Object.keys(object.rename_map), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.rename_map, keys[i]);
                            message.rename_map[keys[i]] = $String(object.rename_map[keys[i]]);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a PolicySetup message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {safewire.robotics.v1.PolicySetup} message PolicySetup
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PolicySetup.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults) {
                        object.features = {};
                        object.rename_map = {};
                    }
                    if (options.defaults) {
                        object.policy_type = "";
                        object.pretrained_name_or_path = "";
                        object.actions_per_chunk = 0;
                        object.device = "";
                    }
                    if (message.policy_type != null && $Object.hasOwnProperty.call(message, "policy_type"))
                        object.policy_type = message.policy_type;
                    if (message.pretrained_name_or_path != null && $Object.hasOwnProperty.call(message, "pretrained_name_or_path"))
                        object.pretrained_name_or_path = message.pretrained_name_or_path;
                    let keys2;
                    if (message.features && (keys2 = $Object.keys(message.features)).length) {
                        object.features = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.features, keys2[j]);
                            object.features[keys2[j]] = $root.safewire.robotics.v1.Feature.toObject(message.features[keys2[j]], options, _depth + 1);
                        }
                    }
                    if (message.actions_per_chunk != null && $Object.hasOwnProperty.call(message, "actions_per_chunk"))
                        object.actions_per_chunk = message.actions_per_chunk;
                    if (message.device != null && $Object.hasOwnProperty.call(message, "device"))
                        object.device = message.device;
                    if (message.rename_map && (keys2 = $Object.keys(message.rename_map)).length) {
                        object.rename_map = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.rename_map, keys2[j]);
                            object.rename_map[keys2[j]] = message.rename_map[keys2[j]];
                        }
                    }
                    return object;
                };

                /**
                 * Converts this PolicySetup to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PolicySetup.prototype.toJSON = function() {
                    return PolicySetup.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for PolicySetup
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.PolicySetup
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PolicySetup.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.PolicySetup";
                };

                return PolicySetup;
            })();

            v1.Empty = (function() {

                /**
                 * Properties of an Empty.
                 * @typedef {Object} safewire.robotics.v1.Empty.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Empty.
                 * @memberof safewire.robotics.v1
                 * @interface IEmpty
                 * @augments safewire.robotics.v1.Empty.$Properties
                 * @deprecated Use safewire.robotics.v1.Empty.$Properties instead.
                 */

                /**
                 * Shape of an Empty.
                 * @typedef {safewire.robotics.v1.Empty.$Properties} safewire.robotics.v1.Empty.$Shape
                 */

                /**
                 * Constructs a new Empty.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an Empty.
                 * @constructor
                 * @param {safewire.robotics.v1.Empty.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Empty = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Empty instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {safewire.robotics.v1.Empty.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Empty} Empty instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Empty.$Shape): safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape;
                 *   (properties?: safewire.robotics.v1.Empty.$Properties): safewire.robotics.v1.Empty;
                 * }}
                 */
                Empty.create = function(properties) {
                    return new Empty(properties);
                };

                /**
                 * Encodes the specified Empty message. Does not implicitly {@link safewire.robotics.v1.Empty.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {safewire.robotics.v1.Empty.$Properties} message Empty message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Empty.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Empty message, length delimited. Does not implicitly {@link safewire.robotics.v1.Empty.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {safewire.robotics.v1.Empty.$Properties} message Empty message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Empty.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Empty message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Empty.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Empty();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Empty message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Empty.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Empty message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Empty.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    return null;
                };

                /**
                 * Creates an Empty message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Empty} Empty
                 */
                Empty.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Empty)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Empty: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    return new $root.safewire.robotics.v1.Empty();
                };

                /**
                 * Creates a plain object from an Empty message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {safewire.robotics.v1.Empty} message Empty
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Empty.toObject = function () {
                    return {};
                };

                /**
                 * Converts this Empty to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Empty
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Empty.prototype.toJSON = function() {
                    return Empty.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Empty
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Empty
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Empty.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Empty";
                };

                return Empty;
            })();

            v1.Chunk = (function() {

                /**
                 * Properties of a Chunk.
                 * @typedef {Object} safewire.robotics.v1.Chunk.$Properties
                 * @property {string|null} [transfer_id] Chunk transfer_id
                 * @property {number|null} [index] Chunk index
                 * @property {boolean|null} [last] Chunk last
                 * @property {Long|null} [total_bytes] Chunk total_bytes
                 * @property {Uint8Array|null} [data] Chunk data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Chunk.
                 * @memberof safewire.robotics.v1
                 * @interface IChunk
                 * @augments safewire.robotics.v1.Chunk.$Properties
                 * @deprecated Use safewire.robotics.v1.Chunk.$Properties instead.
                 */

                /**
                 * Shape of a Chunk.
                 * @typedef {safewire.robotics.v1.Chunk.$Properties} safewire.robotics.v1.Chunk.$Shape
                 */

                /**
                 * Constructs a new Chunk.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a Chunk.
                 * @constructor
                 * @param {safewire.robotics.v1.Chunk.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Chunk = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Chunk transfer_id.
                 * @member {string} transfer_id
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 */
                Chunk.prototype.transfer_id = "";

                /**
                 * Chunk index.
                 * @member {number} index
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 */
                Chunk.prototype.index = 0;

                /**
                 * Chunk last.
                 * @member {boolean} last
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 */
                Chunk.prototype.last = false;

                /**
                 * Chunk total_bytes.
                 * @member {Long} total_bytes
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 */
                Chunk.prototype.total_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Chunk data.
                 * @member {Uint8Array} data
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 */
                Chunk.prototype.data = $util.newBuffer([]);

                /**
                 * Creates a new Chunk instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {safewire.robotics.v1.Chunk.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Chunk} Chunk instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Chunk.$Shape): safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape;
                 *   (properties?: safewire.robotics.v1.Chunk.$Properties): safewire.robotics.v1.Chunk;
                 * }}
                 */
                Chunk.create = function(properties) {
                    return new Chunk(properties);
                };

                /**
                 * Encodes the specified Chunk message. Does not implicitly {@link safewire.robotics.v1.Chunk.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {safewire.robotics.v1.Chunk.$Properties} message Chunk message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Chunk.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.transfer_id != null && $Object.hasOwnProperty.call(message, "transfer_id") && message.transfer_id !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.transfer_id);
                    if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.index);
                    if (message.last != null && $Object.hasOwnProperty.call(message, "last") && message.last !== false)
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.last);
                    if (message.total_bytes != null && $Object.hasOwnProperty.call(message, "total_bytes") && (typeof message.total_bytes === "object" ? message.total_bytes.low || message.total_bytes.high : message.total_bytes !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.total_bytes);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                        writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.data);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Chunk message, length delimited. Does not implicitly {@link safewire.robotics.v1.Chunk.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {safewire.robotics.v1.Chunk.$Properties} message Chunk message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Chunk.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Chunk message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape} Chunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Chunk.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Chunk();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.transfer_id = value;
                                else
                                    delete message.transfer_id;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.index = value;
                                else
                                    delete message.index;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.last = value;
                                else
                                    delete message.last;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.total_bytes = value;
                                else
                                    delete message.total_bytes;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.data = value;
                                else
                                    delete message.data;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Chunk message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape} Chunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Chunk.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Chunk message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Chunk.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.transfer_id != null && $Object.hasOwnProperty.call(message, "transfer_id"))
                        if (!$util.isString(message.transfer_id))
                            return "transfer_id: string expected";
                    if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                        if (!$util.isInteger(message.index))
                            return "index: integer expected";
                    if (message.last != null && $Object.hasOwnProperty.call(message, "last"))
                        if (typeof message.last !== "boolean")
                            return "last: boolean expected";
                    if (message.total_bytes != null && $Object.hasOwnProperty.call(message, "total_bytes"))
                        if (!$util.isInteger(message.total_bytes) && !(message.total_bytes && $util.isInteger(message.total_bytes.low) && $util.isInteger(message.total_bytes.high)))
                            return "total_bytes: integer|Long expected";
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                            return "data: buffer expected";
                    return null;
                };

                /**
                 * Creates a Chunk message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Chunk} Chunk
                 */
                Chunk.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Chunk)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Chunk: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Chunk();
                    if (object.transfer_id != null)
                        if (typeof object.transfer_id !== "string" || object.transfer_id.length)
                            message.transfer_id = $String(object.transfer_id);
                    if (object.index != null)
                        if ($Number(object.index) !== 0)
                            message.index = object.index >>> 0;
                    if (object.last != null)
                        if (object.last)
                            message.last = $Boolean(object.last);
                    if (object.total_bytes != null)
                        if (typeof object.total_bytes === "object" ? object.total_bytes.low || object.total_bytes.high : $Number(object.total_bytes) !== 0)
                            if ($util.Long)
                                message.total_bytes = $util.Long.fromValue(object.total_bytes, true);
                            else if (typeof object.total_bytes === "string")
                                message.total_bytes = $parseInt(object.total_bytes, 10);
                            else if (typeof object.total_bytes === "number")
                                message.total_bytes = object.total_bytes;
                            else if (typeof object.total_bytes === "object")
                                message.total_bytes = new $util.LongBits(object.total_bytes.low >>> 0, object.total_bytes.high >>> 0).toNumber(true);
                    if (object.data != null)
                        if (object.data.length)
                            if (typeof object.data === "string")
                                $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                            else if (object.data.length >= 0)
                                message.data = object.data;
                    return message;
                };

                /**
                 * Creates a plain object from a Chunk message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {safewire.robotics.v1.Chunk} message Chunk
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Chunk.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.transfer_id = "";
                        object.index = 0;
                        object.last = false;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.total_bytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.total_bytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if (options.bytes === $String)
                            object.data = "";
                        else {
                            object.data = [];
                            if (options.bytes !== $Array)
                                object.data = $util.newBuffer(object.data);
                        }
                    }
                    if (message.transfer_id != null && $Object.hasOwnProperty.call(message, "transfer_id"))
                        object.transfer_id = message.transfer_id;
                    if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                        object.index = message.index;
                    if (message.last != null && $Object.hasOwnProperty.call(message, "last"))
                        object.last = message.last;
                    if (message.total_bytes != null && $Object.hasOwnProperty.call(message, "total_bytes"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.total_bytes = typeof message.total_bytes === "number" ? $BigInt(message.total_bytes) : $util.Long.fromBits(message.total_bytes.low >>> 0, message.total_bytes.high >>> 0, true).toBigInt();
                        else if (typeof message.total_bytes === "number")
                            object.total_bytes = options.longs === $String ? $String(message.total_bytes) : message.total_bytes;
                        else
                            object.total_bytes = options.longs === $String ? $util.Long.prototype.toString.call(message.total_bytes) : options.longs === $Number ? new $util.LongBits(message.total_bytes.low >>> 0, message.total_bytes.high >>> 0).toNumber(true) : message.total_bytes;
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                    return object;
                };

                /**
                 * Converts this Chunk to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Chunk
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Chunk.prototype.toJSON = function() {
                    return Chunk.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Chunk
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Chunk
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Chunk.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Chunk";
                };

                return Chunk;
            })();

            v1.TransitionBatch = (function() {

                /**
                 * Properties of a TransitionBatch.
                 * @typedef {Object} safewire.robotics.v1.TransitionBatch.$Properties
                 * @property {Array.<safewire.robotics.v1.Transition.$Properties>|null} [transitions] TransitionBatch transitions
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TransitionBatch.
                 * @memberof safewire.robotics.v1
                 * @interface ITransitionBatch
                 * @augments safewire.robotics.v1.TransitionBatch.$Properties
                 * @deprecated Use safewire.robotics.v1.TransitionBatch.$Properties instead.
                 */

                /**
                 * Shape of a TransitionBatch.
                 * @typedef {safewire.robotics.v1.TransitionBatch.$Properties} safewire.robotics.v1.TransitionBatch.$Shape
                 */

                /**
                 * Constructs a new TransitionBatch.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a TransitionBatch.
                 * @constructor
                 * @param {safewire.robotics.v1.TransitionBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TransitionBatch = function (properties) {
                    this.transitions = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TransitionBatch transitions.
                 * @member {Array.<safewire.robotics.v1.Transition.$Properties>} transitions
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @instance
                 */
                TransitionBatch.prototype.transitions = $util.emptyArray;

                /**
                 * Creates a new TransitionBatch instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {safewire.robotics.v1.TransitionBatch.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.TransitionBatch} TransitionBatch instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.TransitionBatch.$Shape): safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape;
                 *   (properties?: safewire.robotics.v1.TransitionBatch.$Properties): safewire.robotics.v1.TransitionBatch;
                 * }}
                 */
                TransitionBatch.create = function(properties) {
                    return new TransitionBatch(properties);
                };

                /**
                 * Encodes the specified TransitionBatch message. Does not implicitly {@link safewire.robotics.v1.TransitionBatch.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {safewire.robotics.v1.TransitionBatch.$Properties} message TransitionBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TransitionBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.transitions != null && message.transitions.length)
                        for (let i = 0; i < message.transitions.length; ++i)
                            $root.safewire.robotics.v1.Transition.encode(message.transitions[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified TransitionBatch message, length delimited. Does not implicitly {@link safewire.robotics.v1.TransitionBatch.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {safewire.robotics.v1.TransitionBatch.$Properties} message TransitionBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TransitionBatch.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a TransitionBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape} TransitionBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TransitionBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.TransitionBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.transitions && message.transitions.length))
                                    message.transitions = [];
                                message.transitions.push($root.safewire.robotics.v1.Transition.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a TransitionBatch message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape} TransitionBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TransitionBatch.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a TransitionBatch message.
                 * @function verify
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                TransitionBatch.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.transitions != null && $Object.hasOwnProperty.call(message, "transitions")) {
                        if (!$Array.isArray(message.transitions))
                            return "transitions: array expected";
                        for (let i = 0; i < message.transitions.length; ++i) {
                            let error = $root.safewire.robotics.v1.Transition.verify(message.transitions[i], _depth + 1);
                            if (error)
                                return "transitions." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a TransitionBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.TransitionBatch} TransitionBatch
                 */
                TransitionBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.TransitionBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.TransitionBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.TransitionBatch();
                    if (object.transitions) {
                        if (!$Array.isArray(object.transitions))
                            throw $TypeError(".safewire.robotics.v1.TransitionBatch.transitions: array expected");
                        message.transitions = $Array(object.transitions.length);
                        for (let i = 0; i < object.transitions.length; ++i) {
                            if (!$util.isObject(object.transitions[i]))
                                throw $TypeError(".safewire.robotics.v1.TransitionBatch.transitions: object expected");
                            message.transitions[i] = $root.safewire.robotics.v1.Transition.fromObject(object.transitions[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a TransitionBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {safewire.robotics.v1.TransitionBatch} message TransitionBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TransitionBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.transitions = [];
                    if (message.transitions && message.transitions.length) {
                        object.transitions = $Array(message.transitions.length);
                        for (let j = 0; j < message.transitions.length; ++j)
                            object.transitions[j] = $root.safewire.robotics.v1.Transition.toObject(message.transitions[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this TransitionBatch to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TransitionBatch.prototype.toJSON = function() {
                    return TransitionBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for TransitionBatch
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.TransitionBatch
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                TransitionBatch.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.TransitionBatch";
                };

                return TransitionBatch;
            })();

            v1.Envelope = (function() {

                /**
                 * Properties of an Envelope.
                 * @typedef {Object} safewire.robotics.v1.Envelope.$Properties
                 * @property {string|null} [format] Envelope format
                 * @property {Uint8Array|null} [payload] Envelope payload
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Envelope.
                 * @memberof safewire.robotics.v1
                 * @interface IEnvelope
                 * @augments safewire.robotics.v1.Envelope.$Properties
                 * @deprecated Use safewire.robotics.v1.Envelope.$Properties instead.
                 */

                /**
                 * Shape of an Envelope.
                 * @typedef {safewire.robotics.v1.Envelope.$Properties} safewire.robotics.v1.Envelope.$Shape
                 */

                /**
                 * Constructs a new Envelope.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an Envelope.
                 * @constructor
                 * @param {safewire.robotics.v1.Envelope.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Envelope = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Envelope format.
                 * @member {string} format
                 * @memberof safewire.robotics.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.format = "";

                /**
                 * Envelope payload.
                 * @member {Uint8Array} payload
                 * @memberof safewire.robotics.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.payload = $util.newBuffer([]);

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {safewire.robotics.v1.Envelope.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Envelope} Envelope instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Envelope.$Shape): safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape;
                 *   (properties?: safewire.robotics.v1.Envelope.$Properties): safewire.robotics.v1.Envelope;
                 * }}
                 */
                Envelope.create = function(properties) {
                    return new Envelope(properties);
                };

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link safewire.robotics.v1.Envelope.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {safewire.robotics.v1.Envelope.$Properties} message Envelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Envelope.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.format != null && $Object.hasOwnProperty.call(message, "format") && message.format !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.format);
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Envelope message, length delimited. Does not implicitly {@link safewire.robotics.v1.Envelope.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {safewire.robotics.v1.Envelope.$Properties} message Envelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Envelope.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Envelope.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Envelope();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.format = value;
                                else
                                    delete message.format;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.payload = value;
                                else
                                    delete message.payload;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an Envelope message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Envelope.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an Envelope message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Envelope.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                        if (!$util.isString(message.format))
                            return "format: string expected";
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                        if (!(message.payload && typeof message.payload.length === "number" || $util.isString(message.payload)))
                            return "payload: buffer expected";
                    return null;
                };

                /**
                 * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Envelope} Envelope
                 */
                Envelope.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Envelope)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Envelope: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Envelope();
                    if (object.format != null)
                        if (typeof object.format !== "string" || object.format.length)
                            message.format = $String(object.format);
                    if (object.payload != null)
                        if (object.payload.length)
                            if (typeof object.payload === "string")
                                $util.base64.decode(object.payload, message.payload = $util.newBuffer($util.base64.length(object.payload)), 0);
                            else if (object.payload.length >= 0)
                                message.payload = object.payload;
                    return message;
                };

                /**
                 * Creates a plain object from an Envelope message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {safewire.robotics.v1.Envelope} message Envelope
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Envelope.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.format = "";
                        if (options.bytes === $String)
                            object.payload = "";
                        else {
                            object.payload = [];
                            if (options.bytes !== $Array)
                                object.payload = $util.newBuffer(object.payload);
                        }
                    }
                    if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                        object.format = message.format;
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                        object.payload = options.bytes === $String ? $util.base64.encode(message.payload, 0, message.payload.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.payload) : message.payload;
                    return object;
                };

                /**
                 * Converts this Envelope to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Envelope
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Envelope.prototype.toJSON = function() {
                    return Envelope.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Envelope
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Envelope
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Envelope.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Envelope";
                };

                return Envelope;
            })();

            v1.PolicyService = (function() {

                /**
                 * Constructs a new PolicyService service.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a PolicyService
                 * @extends $protobuf.rpc.Service
                 * @constructor
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 */
                const PolicyService = function(rpcImpl, requestDelimited, responseDelimited) {
                    $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
                };

                $Object.defineProperty(PolicyService.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: PolicyService, writable: true, enumerable: false, configurable: true });

                /**
                 * Creates new PolicyService service using the specified rpc implementation.
                 * @function create
                 * @memberof safewire.robotics.v1.PolicyService
                 * @static
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 * @returns {PolicyService} RPC service. Useful where requests and/or responses are streamed.
                 */
                PolicyService.create = function(rpcImpl, requestDelimited, responseDelimited) {
                    return new this(rpcImpl, requestDelimited, responseDelimited);
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#ready}.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef ReadyCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls Ready.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef Ready
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.ReadyCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "Ready";
                 *   readonly path: "/safewire.robotics.v1.PolicyService/Ready";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls Ready.
                 * @name safewire.robotics.v1.PolicyService#ready
                 * @type {safewire.robotics.v1.PolicyService.Ready}
                 */
                $Object.defineProperties(PolicyService.prototype.ready = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyService.prototype.ready, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "Ready" },
                    path: { value: "/safewire.robotics.v1.PolicyService/Ready" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Empty" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#sendPolicyInstructions}.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef SendPolicyInstructionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendPolicyInstructions.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef SendPolicyInstructions
                 * @type {{
                 *   (request: safewire.robotics.v1.IPolicySetup, callback: safewire.robotics.v1.PolicyService.SendPolicyInstructionsCallback): void;
                 *   (request: safewire.robotics.v1.IPolicySetup): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendPolicyInstructions";
                 *   readonly path: "/safewire.robotics.v1.PolicyService/SendPolicyInstructions";
                 *   readonly requestType: "PolicySetup";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendPolicyInstructions.
                 * @name safewire.robotics.v1.PolicyService#sendPolicyInstructions
                 * @type {safewire.robotics.v1.PolicyService.SendPolicyInstructions}
                 */
                $Object.defineProperties(PolicyService.prototype.sendPolicyInstructions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyService.prototype.sendPolicyInstructions, $root.safewire.robotics.v1.PolicySetup, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendPolicyInstructions" },
                    path: { value: "/safewire.robotics.v1.PolicyService/SendPolicyInstructions" },
                    requestType: { value: "PolicySetup" },
                    responseType: { value: "Empty" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#sendObservations}.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef SendObservationsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendObservations.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef SendObservations
                 * @type {{
                 *   (request: safewire.robotics.v1.IObservation, callback: safewire.robotics.v1.PolicyService.SendObservationsCallback): void;
                 *   (request: safewire.robotics.v1.IObservation): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendObservations";
                 *   readonly path: "/safewire.robotics.v1.PolicyService/SendObservations";
                 *   readonly requestType: "Observation";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: true;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendObservations.
                 * @name safewire.robotics.v1.PolicyService#sendObservations
                 * @type {safewire.robotics.v1.PolicyService.SendObservations}
                 */
                $Object.defineProperties(PolicyService.prototype.sendObservations = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyService.prototype.sendObservations, $root.safewire.robotics.v1.Observation, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendObservations" },
                    path: { value: "/safewire.robotics.v1.PolicyService/SendObservations" },
                    requestType: { value: "Observation" },
                    responseType: { value: "Empty" },
                    requestStream: { value: true },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#getActions}.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef GetActionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.ActionChunk} [response] ActionChunk
                 */

                /**
                 * Calls GetActions.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef GetActions
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.GetActionsCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.ActionChunk>;
                 *   readonly name: "GetActions";
                 *   readonly path: "/safewire.robotics.v1.PolicyService/GetActions";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "ActionChunk";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls GetActions.
                 * @name safewire.robotics.v1.PolicyService#getActions
                 * @type {safewire.robotics.v1.PolicyService.GetActions}
                 */
                $Object.defineProperties(PolicyService.prototype.getActions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyService.prototype.getActions, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.ActionChunk, request, callback);
                }, {
                    name: { value: "GetActions" },
                    path: { value: "/safewire.robotics.v1.PolicyService/GetActions" },
                    requestType: { value: "Empty" },
                    responseType: { value: "ActionChunk" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#streamActions}.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef StreamActionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.ActionChunk} [response] ActionChunk
                 */

                /**
                 * Calls StreamActions.
                 * @memberof safewire.robotics.v1.PolicyService
                 * @typedef StreamActions
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.StreamActionsCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.ActionChunk>;
                 *   readonly name: "StreamActions";
                 *   readonly path: "/safewire.robotics.v1.PolicyService/StreamActions";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "ActionChunk";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: true;
                 * }}
                 */

                /**
                 * Calls StreamActions.
                 * @name safewire.robotics.v1.PolicyService#streamActions
                 * @type {safewire.robotics.v1.PolicyService.StreamActions}
                 */
                $Object.defineProperties(PolicyService.prototype.streamActions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyService.prototype.streamActions, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.ActionChunk, request, callback);
                }, {
                    name: { value: "StreamActions" },
                    path: { value: "/safewire.robotics.v1.PolicyService/StreamActions" },
                    requestType: { value: "Empty" },
                    responseType: { value: "ActionChunk" },
                    requestStream: { value: $undefined },
                    responseStream: { value: true }
                });

                return PolicyService;
            })();

            v1.PolicyEnvelopeService = (function() {

                /**
                 * Constructs a new PolicyEnvelopeService service.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a PolicyEnvelopeService
                 * @extends $protobuf.rpc.Service
                 * @constructor
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 */
                const PolicyEnvelopeService = function(rpcImpl, requestDelimited, responseDelimited) {
                    $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
                };

                $Object.defineProperty(PolicyEnvelopeService.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: PolicyEnvelopeService, writable: true, enumerable: false, configurable: true });

                /**
                 * Creates new PolicyEnvelopeService service using the specified rpc implementation.
                 * @function create
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @static
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 * @returns {PolicyEnvelopeService} RPC service. Useful where requests and/or responses are streamed.
                 */
                PolicyEnvelopeService.create = function(rpcImpl, requestDelimited, responseDelimited) {
                    return new this(rpcImpl, requestDelimited, responseDelimited);
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#ready}.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef ReadyCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls Ready.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef Ready
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.ReadyCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "Ready";
                 *   readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/Ready";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls Ready.
                 * @name safewire.robotics.v1.PolicyEnvelopeService#ready
                 * @type {safewire.robotics.v1.PolicyEnvelopeService.Ready}
                 */
                $Object.defineProperties(PolicyEnvelopeService.prototype.ready = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyEnvelopeService.prototype.ready, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "Ready" },
                    path: { value: "/safewire.robotics.v1.PolicyEnvelopeService/Ready" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Empty" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#sendPolicyInstructions}.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef SendPolicyInstructionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendPolicyInstructions.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef SendPolicyInstructions
                 * @type {{
                 *   (request: safewire.robotics.v1.IEnvelope, callback: safewire.robotics.v1.PolicyEnvelopeService.SendPolicyInstructionsCallback): void;
                 *   (request: safewire.robotics.v1.IEnvelope): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendPolicyInstructions";
                 *   readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/SendPolicyInstructions";
                 *   readonly requestType: "Envelope";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendPolicyInstructions.
                 * @name safewire.robotics.v1.PolicyEnvelopeService#sendPolicyInstructions
                 * @type {safewire.robotics.v1.PolicyEnvelopeService.SendPolicyInstructions}
                 */
                $Object.defineProperties(PolicyEnvelopeService.prototype.sendPolicyInstructions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyEnvelopeService.prototype.sendPolicyInstructions, $root.safewire.robotics.v1.Envelope, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendPolicyInstructions" },
                    path: { value: "/safewire.robotics.v1.PolicyEnvelopeService/SendPolicyInstructions" },
                    requestType: { value: "Envelope" },
                    responseType: { value: "Empty" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#sendObservations}.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef SendObservationsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendObservations.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef SendObservations
                 * @type {{
                 *   (request: safewire.robotics.v1.IEnvelope, callback: safewire.robotics.v1.PolicyEnvelopeService.SendObservationsCallback): void;
                 *   (request: safewire.robotics.v1.IEnvelope): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendObservations";
                 *   readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/SendObservations";
                 *   readonly requestType: "Envelope";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: true;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendObservations.
                 * @name safewire.robotics.v1.PolicyEnvelopeService#sendObservations
                 * @type {safewire.robotics.v1.PolicyEnvelopeService.SendObservations}
                 */
                $Object.defineProperties(PolicyEnvelopeService.prototype.sendObservations = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyEnvelopeService.prototype.sendObservations, $root.safewire.robotics.v1.Envelope, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendObservations" },
                    path: { value: "/safewire.robotics.v1.PolicyEnvelopeService/SendObservations" },
                    requestType: { value: "Envelope" },
                    responseType: { value: "Empty" },
                    requestStream: { value: true },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#getActions}.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef GetActionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Envelope} [response] Envelope
                 */

                /**
                 * Calls GetActions.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef GetActions
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.GetActionsCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Envelope>;
                 *   readonly name: "GetActions";
                 *   readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/GetActions";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Envelope";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls GetActions.
                 * @name safewire.robotics.v1.PolicyEnvelopeService#getActions
                 * @type {safewire.robotics.v1.PolicyEnvelopeService.GetActions}
                 */
                $Object.defineProperties(PolicyEnvelopeService.prototype.getActions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyEnvelopeService.prototype.getActions, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Envelope, request, callback);
                }, {
                    name: { value: "GetActions" },
                    path: { value: "/safewire.robotics.v1.PolicyEnvelopeService/GetActions" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Envelope" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#streamActions}.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef StreamActionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Envelope} [response] Envelope
                 */

                /**
                 * Calls StreamActions.
                 * @memberof safewire.robotics.v1.PolicyEnvelopeService
                 * @typedef StreamActions
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.StreamActionsCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Envelope>;
                 *   readonly name: "StreamActions";
                 *   readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/StreamActions";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Envelope";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: true;
                 * }}
                 */

                /**
                 * Calls StreamActions.
                 * @name safewire.robotics.v1.PolicyEnvelopeService#streamActions
                 * @type {safewire.robotics.v1.PolicyEnvelopeService.StreamActions}
                 */
                $Object.defineProperties(PolicyEnvelopeService.prototype.streamActions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, PolicyEnvelopeService.prototype.streamActions, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Envelope, request, callback);
                }, {
                    name: { value: "StreamActions" },
                    path: { value: "/safewire.robotics.v1.PolicyEnvelopeService/StreamActions" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Envelope" },
                    requestStream: { value: $undefined },
                    responseStream: { value: true }
                });

                return PolicyEnvelopeService;
            })();

            v1.LearnerService = (function() {

                /**
                 * Constructs a new LearnerService service.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a LearnerService
                 * @extends $protobuf.rpc.Service
                 * @constructor
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 */
                const LearnerService = function(rpcImpl, requestDelimited, responseDelimited) {
                    $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
                };

                $Object.defineProperty(LearnerService.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: LearnerService, writable: true, enumerable: false, configurable: true });

                /**
                 * Creates new LearnerService service using the specified rpc implementation.
                 * @function create
                 * @memberof safewire.robotics.v1.LearnerService
                 * @static
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 * @returns {LearnerService} RPC service. Useful where requests and/or responses are streamed.
                 */
                LearnerService.create = function(rpcImpl, requestDelimited, responseDelimited) {
                    return new this(rpcImpl, requestDelimited, responseDelimited);
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#streamParameters}.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef StreamParametersCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Chunk} [response] Chunk
                 */

                /**
                 * Calls StreamParameters.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef StreamParameters
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.LearnerService.StreamParametersCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Chunk>;
                 *   readonly name: "StreamParameters";
                 *   readonly path: "/safewire.robotics.v1.LearnerService/StreamParameters";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Chunk";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: true;
                 * }}
                 */

                /**
                 * Calls StreamParameters.
                 * @name safewire.robotics.v1.LearnerService#streamParameters
                 * @type {safewire.robotics.v1.LearnerService.StreamParameters}
                 */
                $Object.defineProperties(LearnerService.prototype.streamParameters = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, LearnerService.prototype.streamParameters, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Chunk, request, callback);
                }, {
                    name: { value: "StreamParameters" },
                    path: { value: "/safewire.robotics.v1.LearnerService/StreamParameters" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Chunk" },
                    requestStream: { value: $undefined },
                    responseStream: { value: true }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#sendTransitions}.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef SendTransitionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendTransitions.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef SendTransitions
                 * @type {{
                 *   (request: safewire.robotics.v1.IChunk, callback: safewire.robotics.v1.LearnerService.SendTransitionsCallback): void;
                 *   (request: safewire.robotics.v1.IChunk): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendTransitions";
                 *   readonly path: "/safewire.robotics.v1.LearnerService/SendTransitions";
                 *   readonly requestType: "Chunk";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: true;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendTransitions.
                 * @name safewire.robotics.v1.LearnerService#sendTransitions
                 * @type {safewire.robotics.v1.LearnerService.SendTransitions}
                 */
                $Object.defineProperties(LearnerService.prototype.sendTransitions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, LearnerService.prototype.sendTransitions, $root.safewire.robotics.v1.Chunk, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendTransitions" },
                    path: { value: "/safewire.robotics.v1.LearnerService/SendTransitions" },
                    requestType: { value: "Chunk" },
                    responseType: { value: "Empty" },
                    requestStream: { value: true },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#sendInteractions}.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef SendInteractionsCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls SendInteractions.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef SendInteractions
                 * @type {{
                 *   (request: safewire.robotics.v1.IInteractionStats, callback: safewire.robotics.v1.LearnerService.SendInteractionsCallback): void;
                 *   (request: safewire.robotics.v1.IInteractionStats): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "SendInteractions";
                 *   readonly path: "/safewire.robotics.v1.LearnerService/SendInteractions";
                 *   readonly requestType: "InteractionStats";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: true;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls SendInteractions.
                 * @name safewire.robotics.v1.LearnerService#sendInteractions
                 * @type {safewire.robotics.v1.LearnerService.SendInteractions}
                 */
                $Object.defineProperties(LearnerService.prototype.sendInteractions = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, LearnerService.prototype.sendInteractions, $root.safewire.robotics.v1.InteractionStats, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "SendInteractions" },
                    path: { value: "/safewire.robotics.v1.LearnerService/SendInteractions" },
                    requestType: { value: "InteractionStats" },
                    responseType: { value: "Empty" },
                    requestStream: { value: true },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#ready}.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef ReadyCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {safewire.robotics.v1.Empty} [response] Empty
                 */

                /**
                 * Calls Ready.
                 * @memberof safewire.robotics.v1.LearnerService
                 * @typedef Ready
                 * @type {{
                 *   (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.LearnerService.ReadyCallback): void;
                 *   (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                 *   readonly name: "Ready";
                 *   readonly path: "/safewire.robotics.v1.LearnerService/Ready";
                 *   readonly requestType: "Empty";
                 *   readonly responseType: "Empty";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls Ready.
                 * @name safewire.robotics.v1.LearnerService#ready
                 * @type {safewire.robotics.v1.LearnerService.Ready}
                 */
                $Object.defineProperties(LearnerService.prototype.ready = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, LearnerService.prototype.ready, $root.safewire.robotics.v1.Empty, $root.safewire.robotics.v1.Empty, request, callback);
                }, {
                    name: { value: "Ready" },
                    path: { value: "/safewire.robotics.v1.LearnerService/Ready" },
                    requestType: { value: "Empty" },
                    responseType: { value: "Empty" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                return LearnerService;
            })();

            v1.Transition = (function() {

                /**
                 * Properties of a Transition.
                 * @typedef {Object} safewire.robotics.v1.Transition.$Properties
                 * @property {Object.<string,safewire.robotics.v1.Tensor.$Properties>|null} [state] Transition state
                 * @property {safewire.robotics.v1.Tensor.$Properties|null} [action] Transition action
                 * @property {number|null} [reward] Transition reward
                 * @property {Object.<string,safewire.robotics.v1.Tensor.$Properties>|null} [next_state] Transition next_state
                 * @property {boolean|null} [done] Transition done
                 * @property {boolean|null} [truncated] Transition truncated
                 * @property {Object.<string,safewire.robotics.v1.Tensor.$Properties>|null} [info] Transition info
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Transition.
                 * @memberof safewire.robotics.v1
                 * @interface ITransition
                 * @augments safewire.robotics.v1.Transition.$Properties
                 * @deprecated Use safewire.robotics.v1.Transition.$Properties instead.
                 */

                /**
                 * Shape of a Transition.
                 * @typedef {safewire.robotics.v1.Transition.$Properties} safewire.robotics.v1.Transition.$Shape
                 */

                /**
                 * Constructs a new Transition.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a Transition.
                 * @constructor
                 * @param {safewire.robotics.v1.Transition.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Transition = function (properties) {
                    this.state = {};
                    this.next_state = {};
                    this.info = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Transition state.
                 * @member {Object.<string,safewire.robotics.v1.Tensor.$Properties>} state
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.state = $util.emptyObject;

                /**
                 * Transition action.
                 * @member {safewire.robotics.v1.Tensor.$Properties|null|undefined} action
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.action = null;

                /**
                 * Transition reward.
                 * @member {number} reward
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.reward = 0;

                /**
                 * Transition next_state.
                 * @member {Object.<string,safewire.robotics.v1.Tensor.$Properties>} next_state
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.next_state = $util.emptyObject;

                /**
                 * Transition done.
                 * @member {boolean} done
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.done = false;

                /**
                 * Transition truncated.
                 * @member {boolean} truncated
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.truncated = false;

                /**
                 * Transition info.
                 * @member {Object.<string,safewire.robotics.v1.Tensor.$Properties>} info
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 */
                Transition.prototype.info = $util.emptyObject;

                /**
                 * Creates a new Transition instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {safewire.robotics.v1.Transition.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Transition} Transition instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Transition.$Shape): safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape;
                 *   (properties?: safewire.robotics.v1.Transition.$Properties): safewire.robotics.v1.Transition;
                 * }}
                 */
                Transition.create = function(properties) {
                    return new Transition(properties);
                };

                /**
                 * Encodes the specified Transition message. Does not implicitly {@link safewire.robotics.v1.Transition.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {safewire.robotics.v1.Transition.$Properties} message Transition message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Transition.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                        for (let keys = $Object.keys(message.state), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Tensor.encode(message.state[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                        $root.safewire.robotics.v1.Tensor.encode(message.action, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.reward != null && $Object.hasOwnProperty.call(message, "reward") && !$Object.is(message.reward, 0))
                        writer.uint32(/* id 3, wireType 1 =*/25).double(message.reward);
                    if (message.next_state != null && $Object.hasOwnProperty.call(message, "next_state"))
                        for (let keys = $Object.keys(message.next_state), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Tensor.encode(message.next_state[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                        writer.uint32(/* id 5, wireType 0 =*/40).bool(message.done);
                    if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated") && message.truncated !== false)
                        writer.uint32(/* id 6, wireType 0 =*/48).bool(message.truncated);
                    if (message.info != null && $Object.hasOwnProperty.call(message, "info"))
                        for (let keys = $Object.keys(message.info), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 7, wireType 2 =*/58).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Tensor.encode(message.info[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Transition message, length delimited. Does not implicitly {@link safewire.robotics.v1.Transition.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {safewire.robotics.v1.Transition.$Properties} message Transition message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Transition.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Transition message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape} Transition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Transition.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Transition();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (message.state === $util.emptyObject)
                                    message.state = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.state, key);
                                message.state[key] = value || new $root.safewire.robotics.v1.Tensor();
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.action = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, message.action);
                                continue;
                            }
                        case 3: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.reward = value;
                                else
                                    delete message.reward;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if (message.next_state === $util.emptyObject)
                                    message.next_state = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.next_state, key);
                                message.next_state[key] = value || new $root.safewire.robotics.v1.Tensor();
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.done = value;
                                else
                                    delete message.done;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.truncated = value;
                                else
                                    delete message.truncated;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if (message.info === $util.emptyObject)
                                    message.info = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.info, key);
                                message.info[key] = value || new $root.safewire.robotics.v1.Tensor();
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Transition message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape} Transition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Transition.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Transition message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Transition.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state")) {
                        if (!$util.isObject(message.state))
                            return "state: object expected";
                        let key = $Object.keys(message.state);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Tensor.verify(message.state[key[i]], _depth + 1);
                            if (error)
                                return "state." + error;
                        }
                    }
                    if (message.action != null && $Object.hasOwnProperty.call(message, "action")) {
                        let error = $root.safewire.robotics.v1.Tensor.verify(message.action, _depth + 1);
                        if (error)
                            return "action." + error;
                    }
                    if (message.reward != null && $Object.hasOwnProperty.call(message, "reward"))
                        if (typeof message.reward !== "number")
                            return "reward: number expected";
                    if (message.next_state != null && $Object.hasOwnProperty.call(message, "next_state")) {
                        if (!$util.isObject(message.next_state))
                            return "next_state: object expected";
                        let key = $Object.keys(message.next_state);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Tensor.verify(message.next_state[key[i]], _depth + 1);
                            if (error)
                                return "next_state." + error;
                        }
                    }
                    if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                        if (typeof message.done !== "boolean")
                            return "done: boolean expected";
                    if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated"))
                        if (typeof message.truncated !== "boolean")
                            return "truncated: boolean expected";
                    if (message.info != null && $Object.hasOwnProperty.call(message, "info")) {
                        if (!$util.isObject(message.info))
                            return "info: object expected";
                        let key = $Object.keys(message.info);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Tensor.verify(message.info[key[i]], _depth + 1);
                            if (error)
                                return "info." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a Transition message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Transition} Transition
                 */
                Transition.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Transition)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Transition: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Transition();
                    if (object.state) {
                        if (!$util.isObject(object.state))
                            throw $TypeError(".safewire.robotics.v1.Transition.state: object expected");
                        message.state = {};
                        for (let keys = $Object.keys(object.state), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.state, keys[i]);
                            if (!$util.isObject(object.state[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Transition.state: object expected");
                            message.state[keys[i]] = $root.safewire.robotics.v1.Tensor.fromObject(object.state[keys[i]], _depth + 1);
                        }
                    }
                    if (object.action != null) {
                        if (!$util.isObject(object.action))
                            throw $TypeError(".safewire.robotics.v1.Transition.action: object expected");
                        message.action = $root.safewire.robotics.v1.Tensor.fromObject(object.action, _depth + 1);
                    }
                    if (object.reward != null)
                        if (!$Object.is($Number(object.reward), 0))
                            message.reward = $Number(object.reward);
                    if (object.next_state) {
                        if (!$util.isObject(object.next_state))
                            throw $TypeError(".safewire.robotics.v1.Transition.next_state: object expected");
                        message.next_state = {};
                        for (let keys = $Object.keys(object.next_state), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.next_state, keys[i]);
                            if (!$util.isObject(object.next_state[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Transition.next_state: object expected");
                            message.next_state[keys[i]] = $root.safewire.robotics.v1.Tensor.fromObject(object.next_state[keys[i]], _depth + 1);
                        }
                    }
                    if (object.done != null)
                        if (object.done)
                            message.done = $Boolean(object.done);
                    if (object.truncated != null)
                        if (object.truncated)
                            message.truncated = $Boolean(object.truncated);
                    if (object.info) {
                        if (!$util.isObject(object.info))
                            throw $TypeError(".safewire.robotics.v1.Transition.info: object expected");
                        message.info = {};
                        for (let keys = $Object.keys(object.info), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.info, keys[i]);
                            if (!$util.isObject(object.info[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Transition.info: object expected");
                            message.info[keys[i]] = $root.safewire.robotics.v1.Tensor.fromObject(object.info[keys[i]], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Transition message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {safewire.robotics.v1.Transition} message Transition
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Transition.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults) {
                        object.state = {};
                        object.next_state = {};
                        object.info = {};
                    }
                    if (options.defaults) {
                        object.action = null;
                        object.reward = 0;
                        object.done = false;
                        object.truncated = false;
                    }
                    let keys2;
                    if (message.state && (keys2 = $Object.keys(message.state)).length) {
                        object.state = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.state, keys2[j]);
                            object.state[keys2[j]] = $root.safewire.robotics.v1.Tensor.toObject(message.state[keys2[j]], options, _depth + 1);
                        }
                    }
                    if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                        object.action = $root.safewire.robotics.v1.Tensor.toObject(message.action, options, _depth + 1);
                    if (message.reward != null && $Object.hasOwnProperty.call(message, "reward"))
                        object.reward = options.json && !$isFinite(message.reward) ? $String(message.reward) : message.reward;
                    if (message.next_state && (keys2 = $Object.keys(message.next_state)).length) {
                        object.next_state = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.next_state, keys2[j]);
                            object.next_state[keys2[j]] = $root.safewire.robotics.v1.Tensor.toObject(message.next_state[keys2[j]], options, _depth + 1);
                        }
                    }
                    if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                        object.done = message.done;
                    if (message.truncated != null && $Object.hasOwnProperty.call(message, "truncated"))
                        object.truncated = message.truncated;
                    if (message.info && (keys2 = $Object.keys(message.info)).length) {
                        object.info = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.info, keys2[j]);
                            object.info[keys2[j]] = $root.safewire.robotics.v1.Tensor.toObject(message.info[keys2[j]], options, _depth + 1);
                        }
                    }
                    return object;
                };

                /**
                 * Converts this Transition to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Transition
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Transition.prototype.toJSON = function() {
                    return Transition.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Transition
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Transition
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Transition.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Transition";
                };

                return Transition;
            })();

            v1.Parameters = (function() {

                /**
                 * Properties of a Parameters.
                 * @typedef {Object} safewire.robotics.v1.Parameters.$Properties
                 * @property {Object.<string,safewire.robotics.v1.Tensor.$Properties>|null} [tensors] Parameters tensors
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Parameters.
                 * @memberof safewire.robotics.v1
                 * @interface IParameters
                 * @augments safewire.robotics.v1.Parameters.$Properties
                 * @deprecated Use safewire.robotics.v1.Parameters.$Properties instead.
                 */

                /**
                 * Shape of a Parameters.
                 * @typedef {safewire.robotics.v1.Parameters.$Properties} safewire.robotics.v1.Parameters.$Shape
                 */

                /**
                 * Constructs a new Parameters.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents a Parameters.
                 * @constructor
                 * @param {safewire.robotics.v1.Parameters.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Parameters = function (properties) {
                    this.tensors = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Parameters tensors.
                 * @member {Object.<string,safewire.robotics.v1.Tensor.$Properties>} tensors
                 * @memberof safewire.robotics.v1.Parameters
                 * @instance
                 */
                Parameters.prototype.tensors = $util.emptyObject;

                /**
                 * Creates a new Parameters instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {safewire.robotics.v1.Parameters.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.Parameters} Parameters instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.Parameters.$Shape): safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape;
                 *   (properties?: safewire.robotics.v1.Parameters.$Properties): safewire.robotics.v1.Parameters;
                 * }}
                 */
                Parameters.create = function(properties) {
                    return new Parameters(properties);
                };

                /**
                 * Encodes the specified Parameters message. Does not implicitly {@link safewire.robotics.v1.Parameters.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {safewire.robotics.v1.Parameters.$Properties} message Parameters message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Parameters.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.tensors != null && $Object.hasOwnProperty.call(message, "tensors"))
                        for (let keys = $Object.keys(message.tensors), i = 0; i < keys.length; ++i) {
                            writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                            $root.safewire.robotics.v1.Tensor.encode(message.tensors[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                        }
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Parameters message, length delimited. Does not implicitly {@link safewire.robotics.v1.Parameters.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {safewire.robotics.v1.Parameters.$Properties} message Parameters message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Parameters.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Parameters message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape} Parameters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Parameters.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.Parameters();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (message.tensors === $util.emptyObject)
                                    message.tensors = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = null;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = $root.safewire.robotics.v1.Tensor.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.tensors, key);
                                message.tensors[key] = value || new $root.safewire.robotics.v1.Tensor();
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Parameters message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape} Parameters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Parameters.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Parameters message.
                 * @function verify
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Parameters.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.tensors != null && $Object.hasOwnProperty.call(message, "tensors")) {
                        if (!$util.isObject(message.tensors))
                            return "tensors: object expected";
                        let key = $Object.keys(message.tensors);
                        for (let i = 0; i < key.length; ++i) {
                            let error = $root.safewire.robotics.v1.Tensor.verify(message.tensors[key[i]], _depth + 1);
                            if (error)
                                return "tensors." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a Parameters message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.Parameters} Parameters
                 */
                Parameters.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.Parameters)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.Parameters: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.Parameters();
                    if (object.tensors) {
                        if (!$util.isObject(object.tensors))
                            throw $TypeError(".safewire.robotics.v1.Parameters.tensors: object expected");
                        message.tensors = {};
                        for (let keys = $Object.keys(object.tensors), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.tensors, keys[i]);
                            if (!$util.isObject(object.tensors[keys[i]]))
                                throw $TypeError(".safewire.robotics.v1.Parameters.tensors: object expected");
                            message.tensors[keys[i]] = $root.safewire.robotics.v1.Tensor.fromObject(object.tensors[keys[i]], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Parameters message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {safewire.robotics.v1.Parameters} message Parameters
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Parameters.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults)
                        object.tensors = {};
                    let keys2;
                    if (message.tensors && (keys2 = $Object.keys(message.tensors)).length) {
                        object.tensors = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.tensors, keys2[j]);
                            object.tensors[keys2[j]] = $root.safewire.robotics.v1.Tensor.toObject(message.tensors[keys2[j]], options, _depth + 1);
                        }
                    }
                    return object;
                };

                /**
                 * Converts this Parameters to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.Parameters
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Parameters.prototype.toJSON = function() {
                    return Parameters.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Parameters
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.Parameters
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Parameters.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.Parameters";
                };

                return Parameters;
            })();

            v1.InteractionStats = (function() {

                /**
                 * Properties of an InteractionStats.
                 * @typedef {Object} safewire.robotics.v1.InteractionStats.$Properties
                 * @property {number|null} [episodic_reward] InteractionStats episodic_reward
                 * @property {Long|null} [interaction_step] InteractionStats interaction_step
                 * @property {number|null} [intervention_rate] InteractionStats intervention_rate
                 * @property {number|null} [episode_interventions] InteractionStats episode_interventions
                 * @property {Object.<string,number>|null} [extra] InteractionStats extra
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InteractionStats.
                 * @memberof safewire.robotics.v1
                 * @interface IInteractionStats
                 * @augments safewire.robotics.v1.InteractionStats.$Properties
                 * @deprecated Use safewire.robotics.v1.InteractionStats.$Properties instead.
                 */

                /**
                 * Shape of an InteractionStats.
                 * @typedef {safewire.robotics.v1.InteractionStats.$Properties} safewire.robotics.v1.InteractionStats.$Shape
                 */

                /**
                 * Constructs a new InteractionStats.
                 * @memberof safewire.robotics.v1
                 * @classdesc Represents an InteractionStats.
                 * @constructor
                 * @param {safewire.robotics.v1.InteractionStats.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InteractionStats = function (properties) {
                    this.extra = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * InteractionStats episodic_reward.
                 * @member {number} episodic_reward
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 */
                InteractionStats.prototype.episodic_reward = 0;

                /**
                 * InteractionStats interaction_step.
                 * @member {Long} interaction_step
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 */
                InteractionStats.prototype.interaction_step = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * InteractionStats intervention_rate.
                 * @member {number} intervention_rate
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 */
                InteractionStats.prototype.intervention_rate = 0;

                /**
                 * InteractionStats episode_interventions.
                 * @member {number} episode_interventions
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 */
                InteractionStats.prototype.episode_interventions = 0;

                /**
                 * InteractionStats extra.
                 * @member {Object.<string,number>} extra
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 */
                InteractionStats.prototype.extra = $util.emptyObject;

                /**
                 * Creates a new InteractionStats instance using the specified properties.
                 * @function create
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {safewire.robotics.v1.InteractionStats.$Properties=} [properties] Properties to set
                 * @returns {safewire.robotics.v1.InteractionStats} InteractionStats instance
                 * @type {{
                 *   (properties: safewire.robotics.v1.InteractionStats.$Shape): safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape;
                 *   (properties?: safewire.robotics.v1.InteractionStats.$Properties): safewire.robotics.v1.InteractionStats;
                 * }}
                 */
                InteractionStats.create = function(properties) {
                    return new InteractionStats(properties);
                };

                /**
                 * Encodes the specified InteractionStats message. Does not implicitly {@link safewire.robotics.v1.InteractionStats.verify|verify} messages.
                 * @function encode
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {safewire.robotics.v1.InteractionStats.$Properties} message InteractionStats message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InteractionStats.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.episodic_reward != null && $Object.hasOwnProperty.call(message, "episodic_reward") && !$Object.is(message.episodic_reward, 0))
                        writer.uint32(/* id 1, wireType 1 =*/9).double(message.episodic_reward);
                    if (message.interaction_step != null && $Object.hasOwnProperty.call(message, "interaction_step") && (typeof message.interaction_step === "object" ? message.interaction_step.low || message.interaction_step.high : message.interaction_step !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.interaction_step);
                    if (message.intervention_rate != null && $Object.hasOwnProperty.call(message, "intervention_rate") && !$Object.is(message.intervention_rate, 0))
                        writer.uint32(/* id 3, wireType 1 =*/25).double(message.intervention_rate);
                    if (message.episode_interventions != null && $Object.hasOwnProperty.call(message, "episode_interventions") && message.episode_interventions !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.episode_interventions);
                    if (message.extra != null && $Object.hasOwnProperty.call(message, "extra"))
                        for (let keys = $Object.keys(message.extra), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 1 =*/17).double(message.extra[keys[i]]).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified InteractionStats message, length delimited. Does not implicitly {@link safewire.robotics.v1.InteractionStats.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {safewire.robotics.v1.InteractionStats.$Properties} message InteractionStats message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InteractionStats.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes an InteractionStats message from the specified reader or buffer.
                 * @function decode
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape} InteractionStats
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InteractionStats.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.safewire.robotics.v1.InteractionStats();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.episodic_reward = value;
                                else
                                    delete message.episodic_reward;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.interaction_step = value;
                                else
                                    delete message.interaction_step;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.intervention_rate = value;
                                else
                                    delete message.intervention_rate;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.episode_interventions = value;
                                else
                                    delete message.episode_interventions;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (message.extra === $util.emptyObject)
                                    message.extra = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = 0;
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 1)
                                            break;
                                        value = reader.double();
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.extra, key);
                                message.extra[key] = value;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes an InteractionStats message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape} InteractionStats
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InteractionStats.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies an InteractionStats message.
                 * @function verify
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                InteractionStats.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.episodic_reward != null && $Object.hasOwnProperty.call(message, "episodic_reward"))
                        if (typeof message.episodic_reward !== "number")
                            return "episodic_reward: number expected";
                    if (message.interaction_step != null && $Object.hasOwnProperty.call(message, "interaction_step"))
                        if (!$util.isInteger(message.interaction_step) && !(message.interaction_step && $util.isInteger(message.interaction_step.low) && $util.isInteger(message.interaction_step.high)))
                            return "interaction_step: integer|Long expected";
                    if (message.intervention_rate != null && $Object.hasOwnProperty.call(message, "intervention_rate"))
                        if (typeof message.intervention_rate !== "number")
                            return "intervention_rate: number expected";
                    if (message.episode_interventions != null && $Object.hasOwnProperty.call(message, "episode_interventions"))
                        if (!$util.isInteger(message.episode_interventions))
                            return "episode_interventions: integer expected";
                    if (message.extra != null && $Object.hasOwnProperty.call(message, "extra")) {
                        if (!$util.isObject(message.extra))
                            return "extra: object expected";
                        let key = $Object.keys(message.extra);
                        for (let i = 0; i < key.length; ++i)
                            if (typeof message.extra[key[i]] !== "number")
                                return "extra: number{k:string} expected";
                    }
                    return null;
                };

                /**
                 * Creates an InteractionStats message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {safewire.robotics.v1.InteractionStats} InteractionStats
                 */
                InteractionStats.fromObject = function (object, _depth) {
                    if (object instanceof $root.safewire.robotics.v1.InteractionStats)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".safewire.robotics.v1.InteractionStats: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.safewire.robotics.v1.InteractionStats();
                    if (object.episodic_reward != null)
                        if (!$Object.is($Number(object.episodic_reward), 0))
                            message.episodic_reward = $Number(object.episodic_reward);
                    if (object.interaction_step != null)
                        if (typeof object.interaction_step === "object" ? object.interaction_step.low || object.interaction_step.high : $Number(object.interaction_step) !== 0)
                            if ($util.Long)
                                message.interaction_step = $util.Long.fromValue(object.interaction_step, false);
                            else if (typeof object.interaction_step === "string")
                                message.interaction_step = $parseInt(object.interaction_step, 10);
                            else if (typeof object.interaction_step === "number")
                                message.interaction_step = object.interaction_step;
                            else if (typeof object.interaction_step === "object")
                                message.interaction_step = new $util.LongBits(object.interaction_step.low >>> 0, object.interaction_step.high >>> 0).toNumber();
                    if (object.intervention_rate != null)
                        if (!$Object.is($Number(object.intervention_rate), 0))
                            message.intervention_rate = $Number(object.intervention_rate);
                    if (object.episode_interventions != null)
                        if ($Number(object.episode_interventions) !== 0)
                            message.episode_interventions = object.episode_interventions >>> 0;
                    if (object.extra) {
                        if (!$util.isObject(object.extra))
                            throw $TypeError(".safewire.robotics.v1.InteractionStats.extra: object expected");
                        message.extra = {};
                        for (let keys = $Object.keys(object.extra), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.extra, keys[i]);
                            message.extra[keys[i]] = $Number(object.extra[keys[i]]);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an InteractionStats message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {safewire.robotics.v1.InteractionStats} message InteractionStats
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                InteractionStats.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults)
                        object.extra = {};
                    if (options.defaults) {
                        object.episodic_reward = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.interaction_step = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.interaction_step = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.intervention_rate = 0;
                        object.episode_interventions = 0;
                    }
                    if (message.episodic_reward != null && $Object.hasOwnProperty.call(message, "episodic_reward"))
                        object.episodic_reward = options.json && !$isFinite(message.episodic_reward) ? $String(message.episodic_reward) : message.episodic_reward;
                    if (message.interaction_step != null && $Object.hasOwnProperty.call(message, "interaction_step"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.interaction_step = typeof message.interaction_step === "number" ? $BigInt(message.interaction_step) : $util.Long.fromBits(message.interaction_step.low >>> 0, message.interaction_step.high >>> 0, false).toBigInt();
                        else if (typeof message.interaction_step === "number")
                            object.interaction_step = options.longs === $String ? $String(message.interaction_step) : message.interaction_step;
                        else
                            object.interaction_step = options.longs === $String ? $util.Long.prototype.toString.call(message.interaction_step) : options.longs === $Number ? new $util.LongBits(message.interaction_step.low >>> 0, message.interaction_step.high >>> 0).toNumber() : message.interaction_step;
                    if (message.intervention_rate != null && $Object.hasOwnProperty.call(message, "intervention_rate"))
                        object.intervention_rate = options.json && !$isFinite(message.intervention_rate) ? $String(message.intervention_rate) : message.intervention_rate;
                    if (message.episode_interventions != null && $Object.hasOwnProperty.call(message, "episode_interventions"))
                        object.episode_interventions = message.episode_interventions;
                    let keys2;
                    if (message.extra && (keys2 = $Object.keys(message.extra)).length) {
                        object.extra = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.extra, keys2[j]);
                            object.extra[keys2[j]] = options.json && !$isFinite(message.extra[keys2[j]]) ? $String(message.extra[keys2[j]]) : message.extra[keys2[j]];
                        }
                    }
                    return object;
                };

                /**
                 * Converts this InteractionStats to JSON.
                 * @function toJSON
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                InteractionStats.prototype.toJSON = function() {
                    return InteractionStats.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for InteractionStats
                 * @function getTypeUrl
                 * @memberof safewire.robotics.v1.InteractionStats
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                InteractionStats.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/safewire.robotics.v1.InteractionStats";
                };

                return InteractionStats;
            })();

            return v1;
        })();

        return robotics;
    })();

    return safewire;
})();

export {
  $root as default
};
