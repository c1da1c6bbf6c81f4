import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace safewire. */
export namespace safewire {

    /** Namespace robotics. */
    namespace robotics {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of an ActionChunk.
             * @deprecated Use safewire.robotics.v1.ActionChunk.$Properties instead.
             */
            interface IActionChunk extends safewire.robotics.v1.ActionChunk.$Properties {
            }

            /** Represents an ActionChunk. */
            class ActionChunk {

                /**
                 * Constructs a new ActionChunk.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.ActionChunk.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ActionChunk timestamp_ns. */
                timestamp_ns: Long;

                /** ActionChunk timestep. */
                timestep: Long;

                /** ActionChunk step_ns. */
                step_ns: Long;

                /** ActionChunk actions. */
                actions?: (safewire.robotics.v1.Tensor.$Properties|null);

                /** ActionChunk action_names. */
                action_names: string[];

                /**
                 * Creates a new ActionChunk instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ActionChunk instance
                 */
                static create(properties: safewire.robotics.v1.ActionChunk.$Shape): safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape;
                static create(properties?: safewire.robotics.v1.ActionChunk.$Properties): safewire.robotics.v1.ActionChunk;

                /**
                 * Encodes the specified ActionChunk message. Does not implicitly {@link safewire.robotics.v1.ActionChunk.verify|verify} messages.
                 * @param message ActionChunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.ActionChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ActionChunk message, length delimited. Does not implicitly {@link safewire.robotics.v1.ActionChunk.verify|verify} messages.
                 * @param message ActionChunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.ActionChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ActionChunk message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape} ActionChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape;

                /**
                 * Decodes an ActionChunk message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape} ActionChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.ActionChunk & safewire.robotics.v1.ActionChunk.$Shape;

                /**
                 * Verifies an ActionChunk message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an ActionChunk message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ActionChunk
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.ActionChunk;

                /**
                 * Creates a plain object from an ActionChunk message. Also converts values to other types if specified.
                 * @param message ActionChunk
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.ActionChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ActionChunk to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ActionChunk
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ActionChunk {

                /** Properties of an ActionChunk. */
                interface $Properties {

                    /** ActionChunk timestamp_ns */
                    timestamp_ns?: (Long|null);

                    /** ActionChunk timestep */
                    timestep?: (Long|null);

                    /** ActionChunk step_ns */
                    step_ns?: (Long|null);

                    /** ActionChunk actions */
                    actions?: (safewire.robotics.v1.Tensor.$Properties|null);

                    /** ActionChunk action_names */
                    action_names?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an ActionChunk. */
                type $Shape = safewire.robotics.v1.ActionChunk.$Properties;
            }

            /**
             * Properties of a Tensor.
             * @deprecated Use safewire.robotics.v1.Tensor.$Properties instead.
             */
            interface ITensor extends safewire.robotics.v1.Tensor.$Properties {
            }

            /** Represents a Tensor. */
            class Tensor {

                /**
                 * Constructs a new Tensor.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Tensor.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Tensor dtype. */
                dtype: string;

                /** Tensor shape. */
                shape: number[];

                /** Tensor data. */
                data: Uint8Array;

                /**
                 * Creates a new Tensor instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Tensor instance
                 */
                static create(properties: safewire.robotics.v1.Tensor.$Shape): safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape;
                static create(properties?: safewire.robotics.v1.Tensor.$Properties): safewire.robotics.v1.Tensor;

                /**
                 * Encodes the specified Tensor message. Does not implicitly {@link safewire.robotics.v1.Tensor.verify|verify} messages.
                 * @param message Tensor message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Tensor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Tensor message, length delimited. Does not implicitly {@link safewire.robotics.v1.Tensor.verify|verify} messages.
                 * @param message Tensor message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Tensor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Tensor message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape} Tensor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape;

                /**
                 * Decodes a Tensor message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape} Tensor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Tensor & safewire.robotics.v1.Tensor.$Shape;

                /**
                 * Verifies a Tensor message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Tensor message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Tensor
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Tensor;

                /**
                 * Creates a plain object from a Tensor message. Also converts values to other types if specified.
                 * @param message Tensor
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Tensor, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Tensor to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Tensor
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Tensor {

                /** Properties of a Tensor. */
                interface $Properties {

                    /** Tensor dtype */
                    dtype?: (string|null);

                    /** Tensor shape */
                    shape?: (number[]|null);

                    /** Tensor data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Tensor. */
                type $Shape = safewire.robotics.v1.Tensor.$Properties;
            }

            /**
             * Properties of an Image.
             * @deprecated Use safewire.robotics.v1.Image.$Properties instead.
             */
            interface IImage extends safewire.robotics.v1.Image.$Properties {
            }

            /** Represents an Image. */
            class Image {

                /**
                 * Constructs a new Image.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Image.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Image height. */
                height: number;

                /** Image width. */
                width: number;

                /** Image encoding. */
                encoding: string;

                /** Image step. */
                step: number;

                /** Image data. */
                data: Uint8Array;

                /**
                 * Creates a new Image instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Image instance
                 */
                static create(properties: safewire.robotics.v1.Image.$Shape): safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape;
                static create(properties?: safewire.robotics.v1.Image.$Properties): safewire.robotics.v1.Image;

                /**
                 * Encodes the specified Image message. Does not implicitly {@link safewire.robotics.v1.Image.verify|verify} messages.
                 * @param message Image message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Image.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Image message, length delimited. Does not implicitly {@link safewire.robotics.v1.Image.verify|verify} messages.
                 * @param message Image message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Image.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Image message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape} Image
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape;

                /**
                 * Decodes an Image message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape} Image
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Image & safewire.robotics.v1.Image.$Shape;

                /**
                 * Verifies an Image message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Image message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Image
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Image;

                /**
                 * Creates a plain object from an Image message. Also converts values to other types if specified.
                 * @param message Image
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Image, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Image to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Image
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Image {

                /** Properties of an Image. */
                interface $Properties {

                    /** Image height */
                    height?: (number|null);

                    /** Image width */
                    width?: (number|null);

                    /** Image encoding */
                    encoding?: (string|null);

                    /** Image step */
                    step?: (number|null);

                    /** Image data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Image. */
                type $Shape = safewire.robotics.v1.Image.$Properties;
            }

            /**
             * Properties of an Observation.
             * @deprecated Use safewire.robotics.v1.Observation.$Properties instead.
             */
            interface IObservation extends safewire.robotics.v1.Observation.$Properties {
            }

            /** Represents an Observation. */
            class Observation {

                /**
                 * Constructs a new Observation.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Observation.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Observation timestamp_ns. */
                timestamp_ns: Long;

                /** Observation timestep. */
                timestep: Long;

                /** Observation task. */
                task: string;

                /** Observation must_go. */
                must_go: boolean;

                /** Observation state. */
                state?: (safewire.robotics.v1.Tensor.$Properties|null);

                /** Observation state_names. */
                state_names: string[];

                /** Observation images. */
                images: { [k: string]: safewire.robotics.v1.Image.$Properties };

                /** Observation extras. */
                extras: { [k: string]: safewire.robotics.v1.Tensor.$Properties };

                /**
                 * Creates a new Observation instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Observation instance
                 */
                static create(properties: safewire.robotics.v1.Observation.$Shape): safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape;
                static create(properties?: safewire.robotics.v1.Observation.$Properties): safewire.robotics.v1.Observation;

                /**
                 * Encodes the specified Observation message. Does not implicitly {@link safewire.robotics.v1.Observation.verify|verify} messages.
                 * @param message Observation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Observation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Observation message, length delimited. Does not implicitly {@link safewire.robotics.v1.Observation.verify|verify} messages.
                 * @param message Observation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Observation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Observation message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape;

                /**
                 * Decodes an Observation message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape} Observation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Observation & safewire.robotics.v1.Observation.$Shape;

                /**
                 * Verifies an Observation message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Observation message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Observation
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Observation;

                /**
                 * Creates a plain object from an Observation message. Also converts values to other types if specified.
                 * @param message Observation
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Observation, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Observation to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Observation
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Observation {

                /** Properties of an Observation. */
                interface $Properties {

                    /** Observation timestamp_ns */
                    timestamp_ns?: (Long|null);

                    /** Observation timestep */
                    timestep?: (Long|null);

                    /** Observation task */
                    task?: (string|null);

                    /** Observation must_go */
                    must_go?: (boolean|null);

                    /** Observation state */
                    state?: (safewire.robotics.v1.Tensor.$Properties|null);

                    /** Observation state_names */
                    state_names?: (string[]|null);

                    /** Observation images */
                    images?: ({ [k: string]: safewire.robotics.v1.Image.$Properties }|null);

                    /** Observation extras */
                    extras?: ({ [k: string]: safewire.robotics.v1.Tensor.$Properties }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Observation. */
                type $Shape = safewire.robotics.v1.Observation.$Properties;
            }

            /**
             * Properties of a Feature.
             * @deprecated Use safewire.robotics.v1.Feature.$Properties instead.
             */
            interface IFeature extends safewire.robotics.v1.Feature.$Properties {
            }

            /** Represents a Feature. */
            class Feature {

                /**
                 * Constructs a new Feature.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Feature.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Feature dtype. */
                dtype: string;

                /** Feature shape. */
                shape: number[];

                /** Feature names. */
                names: string[];

                /**
                 * Creates a new Feature instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Feature instance
                 */
                static create(properties: safewire.robotics.v1.Feature.$Shape): safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape;
                static create(properties?: safewire.robotics.v1.Feature.$Properties): safewire.robotics.v1.Feature;

                /**
                 * Encodes the specified Feature message. Does not implicitly {@link safewire.robotics.v1.Feature.verify|verify} messages.
                 * @param message Feature message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Feature.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Feature message, length delimited. Does not implicitly {@link safewire.robotics.v1.Feature.verify|verify} messages.
                 * @param message Feature message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Feature.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Feature message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape} Feature
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape;

                /**
                 * Decodes a Feature message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape} Feature
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Feature & safewire.robotics.v1.Feature.$Shape;

                /**
                 * Verifies a Feature message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Feature message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Feature
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Feature;

                /**
                 * Creates a plain object from a Feature message. Also converts values to other types if specified.
                 * @param message Feature
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Feature, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Feature to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Feature
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Feature {

                /** Properties of a Feature. */
                interface $Properties {

                    /** Feature dtype */
                    dtype?: (string|null);

                    /** Feature shape */
                    shape?: (number[]|null);

                    /** Feature names */
                    names?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Feature. */
                type $Shape = safewire.robotics.v1.Feature.$Properties;
            }

            /**
             * Properties of a PolicySetup.
             * @deprecated Use safewire.robotics.v1.PolicySetup.$Properties instead.
             */
            interface IPolicySetup extends safewire.robotics.v1.PolicySetup.$Properties {
            }

            /** Represents a PolicySetup. */
            class PolicySetup {

                /**
                 * Constructs a new PolicySetup.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.PolicySetup.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PolicySetup policy_type. */
                policy_type: string;

                /** PolicySetup pretrained_name_or_path. */
                pretrained_name_or_path: string;

                /** PolicySetup features. */
                features: { [k: string]: safewire.robotics.v1.Feature.$Properties };

                /** PolicySetup actions_per_chunk. */
                actions_per_chunk: number;

                /** PolicySetup device. */
                device: string;

                /** PolicySetup rename_map. */
                rename_map: { [k: string]: string };

                /**
                 * Creates a new PolicySetup instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PolicySetup instance
                 */
                static create(properties: safewire.robotics.v1.PolicySetup.$Shape): safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape;
                static create(properties?: safewire.robotics.v1.PolicySetup.$Properties): safewire.robotics.v1.PolicySetup;

                /**
                 * Encodes the specified PolicySetup message. Does not implicitly {@link safewire.robotics.v1.PolicySetup.verify|verify} messages.
                 * @param message PolicySetup message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.PolicySetup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified PolicySetup message, length delimited. Does not implicitly {@link safewire.robotics.v1.PolicySetup.verify|verify} messages.
                 * @param message PolicySetup message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.PolicySetup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PolicySetup message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape} PolicySetup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape;

                /**
                 * Decodes a PolicySetup message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape} PolicySetup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.PolicySetup & safewire.robotics.v1.PolicySetup.$Shape;

                /**
                 * Verifies a PolicySetup message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a PolicySetup message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns PolicySetup
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.PolicySetup;

                /**
                 * Creates a plain object from a PolicySetup message. Also converts values to other types if specified.
                 * @param message PolicySetup
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.PolicySetup, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this PolicySetup to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for PolicySetup
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PolicySetup {

                /** Properties of a PolicySetup. */
                interface $Properties {

                    /** PolicySetup policy_type */
                    policy_type?: (string|null);

                    /** PolicySetup pretrained_name_or_path */
                    pretrained_name_or_path?: (string|null);

                    /** PolicySetup features */
                    features?: ({ [k: string]: safewire.robotics.v1.Feature.$Properties }|null);

                    /** PolicySetup actions_per_chunk */
                    actions_per_chunk?: (number|null);

                    /** PolicySetup device */
                    device?: (string|null);

                    /** PolicySetup rename_map */
                    rename_map?: ({ [k: string]: string }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PolicySetup. */
                type $Shape = safewire.robotics.v1.PolicySetup.$Properties;
            }

            /**
             * Properties of an Empty.
             * @deprecated Use safewire.robotics.v1.Empty.$Properties instead.
             */
            interface IEmpty extends safewire.robotics.v1.Empty.$Properties {
            }

            /** Represents an Empty. */
            class Empty {

                /**
                 * Constructs a new Empty.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Empty.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Empty instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Empty instance
                 */
                static create(properties: safewire.robotics.v1.Empty.$Shape): safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape;
                static create(properties?: safewire.robotics.v1.Empty.$Properties): safewire.robotics.v1.Empty;

                /**
                 * Encodes the specified Empty message. Does not implicitly {@link safewire.robotics.v1.Empty.verify|verify} messages.
                 * @param message Empty message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Empty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Empty message, length delimited. Does not implicitly {@link safewire.robotics.v1.Empty.verify|verify} messages.
                 * @param message Empty message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Empty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Empty message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape;

                /**
                 * Decodes an Empty message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Empty & safewire.robotics.v1.Empty.$Shape;

                /**
                 * Verifies an Empty message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Empty message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Empty
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Empty;

                /**
                 * Creates a plain object from an Empty message. Also converts values to other types if specified.
                 * @param message Empty
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Empty, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Empty to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Empty
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Empty {

                /** Properties of an Empty. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Empty. */
                type $Shape = safewire.robotics.v1.Empty.$Properties;
            }

            /**
             * Properties of a Chunk.
             * @deprecated Use safewire.robotics.v1.Chunk.$Properties instead.
             */
            interface IChunk extends safewire.robotics.v1.Chunk.$Properties {
            }

            /** Represents a Chunk. */
            class Chunk {

                /**
                 * Constructs a new Chunk.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Chunk.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Chunk transfer_id. */
                transfer_id: string;

                /** Chunk index. */
                index: number;

                /** Chunk last. */
                last: boolean;

                /** Chunk total_bytes. */
                total_bytes: Long;

                /** Chunk data. */
                data: Uint8Array;

                /**
                 * Creates a new Chunk instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Chunk instance
                 */
                static create(properties: safewire.robotics.v1.Chunk.$Shape): safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape;
                static create(properties?: safewire.robotics.v1.Chunk.$Properties): safewire.robotics.v1.Chunk;

                /**
                 * Encodes the specified Chunk message. Does not implicitly {@link safewire.robotics.v1.Chunk.verify|verify} messages.
                 * @param message Chunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Chunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Chunk message, length delimited. Does not implicitly {@link safewire.robotics.v1.Chunk.verify|verify} messages.
                 * @param message Chunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Chunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Chunk message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape} Chunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape;

                /**
                 * Decodes a Chunk message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape} Chunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Chunk & safewire.robotics.v1.Chunk.$Shape;

                /**
                 * Verifies a Chunk message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Chunk message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Chunk
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Chunk;

                /**
                 * Creates a plain object from a Chunk message. Also converts values to other types if specified.
                 * @param message Chunk
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Chunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Chunk to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Chunk
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Chunk {

                /** Properties of a Chunk. */
                interface $Properties {

                    /** Chunk transfer_id */
                    transfer_id?: (string|null);

                    /** Chunk index */
                    index?: (number|null);

                    /** Chunk last */
                    last?: (boolean|null);

                    /** Chunk total_bytes */
                    total_bytes?: (Long|null);

                    /** Chunk data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Chunk. */
                type $Shape = safewire.robotics.v1.Chunk.$Properties;
            }

            /**
             * Properties of a TransitionBatch.
             * @deprecated Use safewire.robotics.v1.TransitionBatch.$Properties instead.
             */
            interface ITransitionBatch extends safewire.robotics.v1.TransitionBatch.$Properties {
            }

            /** Represents a TransitionBatch. */
            class TransitionBatch {

                /**
                 * Constructs a new TransitionBatch.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.TransitionBatch.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TransitionBatch transitions. */
                transitions: safewire.robotics.v1.Transition.$Properties[];

                /**
                 * Creates a new TransitionBatch instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TransitionBatch instance
                 */
                static create(properties: safewire.robotics.v1.TransitionBatch.$Shape): safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape;
                static create(properties?: safewire.robotics.v1.TransitionBatch.$Properties): safewire.robotics.v1.TransitionBatch;

                /**
                 * Encodes the specified TransitionBatch message. Does not implicitly {@link safewire.robotics.v1.TransitionBatch.verify|verify} messages.
                 * @param message TransitionBatch message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.TransitionBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TransitionBatch message, length delimited. Does not implicitly {@link safewire.robotics.v1.TransitionBatch.verify|verify} messages.
                 * @param message TransitionBatch message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.TransitionBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TransitionBatch message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape} TransitionBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape;

                /**
                 * Decodes a TransitionBatch message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape} TransitionBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.TransitionBatch & safewire.robotics.v1.TransitionBatch.$Shape;

                /**
                 * Verifies a TransitionBatch message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TransitionBatch message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TransitionBatch
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.TransitionBatch;

                /**
                 * Creates a plain object from a TransitionBatch message. Also converts values to other types if specified.
                 * @param message TransitionBatch
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.TransitionBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TransitionBatch to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TransitionBatch
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TransitionBatch {

                /** Properties of a TransitionBatch. */
                interface $Properties {

                    /** TransitionBatch transitions */
                    transitions?: (safewire.robotics.v1.Transition.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TransitionBatch. */
                type $Shape = safewire.robotics.v1.TransitionBatch.$Properties;
            }

            /**
             * Properties of an Envelope.
             * @deprecated Use safewire.robotics.v1.Envelope.$Properties instead.
             */
            interface IEnvelope extends safewire.robotics.v1.Envelope.$Properties {
            }

            /** Represents an Envelope. */
            class Envelope {

                /**
                 * Constructs a new Envelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Envelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Envelope format. */
                format: string;

                /** Envelope payload. */
                payload: Uint8Array;

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Envelope instance
                 */
                static create(properties: safewire.robotics.v1.Envelope.$Shape): safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape;
                static create(properties?: safewire.robotics.v1.Envelope.$Properties): safewire.robotics.v1.Envelope;

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link safewire.robotics.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Envelope message, length delimited. Does not implicitly {@link safewire.robotics.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape;

                /**
                 * Decodes an Envelope message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Envelope & safewire.robotics.v1.Envelope.$Shape;

                /**
                 * Verifies an Envelope message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Envelope
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Envelope;

                /**
                 * Creates a plain object from an Envelope message. Also converts values to other types if specified.
                 * @param message Envelope
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Envelope to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Envelope
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Envelope {

                /** Properties of an Envelope. */
                interface $Properties {

                    /** Envelope format */
                    format?: (string|null);

                    /** Envelope payload */
                    payload?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Envelope. */
                type $Shape = safewire.robotics.v1.Envelope.$Properties;
            }

            /** Represents a PolicyService */
            class PolicyService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new PolicyService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new PolicyService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): PolicyService;

                /** Calls Ready. */
                ready: safewire.robotics.v1.PolicyService.Ready;

                /** Calls SendPolicyInstructions. */
                sendPolicyInstructions: safewire.robotics.v1.PolicyService.SendPolicyInstructions;

                /** Calls SendObservations. */
                sendObservations: safewire.robotics.v1.PolicyService.SendObservations;

                /** Calls GetActions. */
                getActions: safewire.robotics.v1.PolicyService.GetActions;

                /** Calls StreamActions. */
                streamActions: safewire.robotics.v1.PolicyService.StreamActions;
            }

            namespace PolicyService {

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#ready}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type ReadyCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls Ready. */
                type Ready = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.ReadyCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "Ready";
                  readonly path: "/safewire.robotics.v1.PolicyService/Ready";
                  readonly requestType: "Empty";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#sendPolicyInstructions}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendPolicyInstructionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendPolicyInstructions. */
                type SendPolicyInstructions = {
                  (request: safewire.robotics.v1.IPolicySetup, callback: safewire.robotics.v1.PolicyService.SendPolicyInstructionsCallback): void;
                  (request: safewire.robotics.v1.IPolicySetup): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendPolicyInstructions";
                  readonly path: "/safewire.robotics.v1.PolicyService/SendPolicyInstructions";
                  readonly requestType: "PolicySetup";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#sendObservations}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendObservationsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendObservations. */
                type SendObservations = {
                  (request: safewire.robotics.v1.IObservation, callback: safewire.robotics.v1.PolicyService.SendObservationsCallback): void;
                  (request: safewire.robotics.v1.IObservation): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendObservations";
                  readonly path: "/safewire.robotics.v1.PolicyService/SendObservations";
                  readonly requestType: "Observation";
                  readonly responseType: "Empty";
                  readonly requestStream: true;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#getActions}.
                 * @param error Error, if any
                 * @param [response] ActionChunk
                 */
                type GetActionsCallback = (error: (Error|null), response?: safewire.robotics.v1.ActionChunk) => void;

                /** Calls GetActions. */
                type GetActions = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.GetActionsCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.ActionChunk>;
                  readonly name: "GetActions";
                  readonly path: "/safewire.robotics.v1.PolicyService/GetActions";
                  readonly requestType: "Empty";
                  readonly responseType: "ActionChunk";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyService#streamActions}.
                 * @param error Error, if any
                 * @param [response] ActionChunk
                 */
                type StreamActionsCallback = (error: (Error|null), response?: safewire.robotics.v1.ActionChunk) => void;

                /** Calls StreamActions. */
                type StreamActions = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyService.StreamActionsCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.ActionChunk>;
                  readonly name: "StreamActions";
                  readonly path: "/safewire.robotics.v1.PolicyService/StreamActions";
                  readonly requestType: "Empty";
                  readonly responseType: "ActionChunk";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };
            }

            /** Represents a PolicyEnvelopeService */
            class PolicyEnvelopeService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new PolicyEnvelopeService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new PolicyEnvelopeService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): PolicyEnvelopeService;

                /** Calls Ready. */
                ready: safewire.robotics.v1.PolicyEnvelopeService.Ready;

                /** Calls SendPolicyInstructions. */
                sendPolicyInstructions: safewire.robotics.v1.PolicyEnvelopeService.SendPolicyInstructions;

                /** Calls SendObservations. */
                sendObservations: safewire.robotics.v1.PolicyEnvelopeService.SendObservations;

                /** Calls GetActions. */
                getActions: safewire.robotics.v1.PolicyEnvelopeService.GetActions;

                /** Calls StreamActions. */
                streamActions: safewire.robotics.v1.PolicyEnvelopeService.StreamActions;
            }

            namespace PolicyEnvelopeService {

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#ready}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type ReadyCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls Ready. */
                type Ready = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.ReadyCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "Ready";
                  readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/Ready";
                  readonly requestType: "Empty";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#sendPolicyInstructions}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendPolicyInstructionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendPolicyInstructions. */
                type SendPolicyInstructions = {
                  (request: safewire.robotics.v1.IEnvelope, callback: safewire.robotics.v1.PolicyEnvelopeService.SendPolicyInstructionsCallback): void;
                  (request: safewire.robotics.v1.IEnvelope): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendPolicyInstructions";
                  readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/SendPolicyInstructions";
                  readonly requestType: "Envelope";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#sendObservations}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendObservationsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendObservations. */
                type SendObservations = {
                  (request: safewire.robotics.v1.IEnvelope, callback: safewire.robotics.v1.PolicyEnvelopeService.SendObservationsCallback): void;
                  (request: safewire.robotics.v1.IEnvelope): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendObservations";
                  readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/SendObservations";
                  readonly requestType: "Envelope";
                  readonly responseType: "Empty";
                  readonly requestStream: true;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#getActions}.
                 * @param error Error, if any
                 * @param [response] Envelope
                 */
                type GetActionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Envelope) => void;

                /** Calls GetActions. */
                type GetActions = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.GetActionsCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Envelope>;
                  readonly name: "GetActions";
                  readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/GetActions";
                  readonly requestType: "Empty";
                  readonly responseType: "Envelope";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.PolicyEnvelopeService#streamActions}.
                 * @param error Error, if any
                 * @param [response] Envelope
                 */
                type StreamActionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Envelope) => void;

                /** Calls StreamActions. */
                type StreamActions = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.PolicyEnvelopeService.StreamActionsCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Envelope>;
                  readonly name: "StreamActions";
                  readonly path: "/safewire.robotics.v1.PolicyEnvelopeService/StreamActions";
                  readonly requestType: "Empty";
                  readonly responseType: "Envelope";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };
            }

            /** Represents a LearnerService */
            class LearnerService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new LearnerService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new LearnerService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): LearnerService;

                /** Calls StreamParameters. */
                streamParameters: safewire.robotics.v1.LearnerService.StreamParameters;

                /** Calls SendTransitions. */
                sendTransitions: safewire.robotics.v1.LearnerService.SendTransitions;

                /** Calls SendInteractions. */
                sendInteractions: safewire.robotics.v1.LearnerService.SendInteractions;

                /** Calls Ready. */
                ready: safewire.robotics.v1.LearnerService.Ready;
            }

            namespace LearnerService {

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#streamParameters}.
                 * @param error Error, if any
                 * @param [response] Chunk
                 */
                type StreamParametersCallback = (error: (Error|null), response?: safewire.robotics.v1.Chunk) => void;

                /** Calls StreamParameters. */
                type StreamParameters = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.LearnerService.StreamParametersCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Chunk>;
                  readonly name: "StreamParameters";
                  readonly path: "/safewire.robotics.v1.LearnerService/StreamParameters";
                  readonly requestType: "Empty";
                  readonly responseType: "Chunk";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#sendTransitions}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendTransitionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendTransitions. */
                type SendTransitions = {
                  (request: safewire.robotics.v1.IChunk, callback: safewire.robotics.v1.LearnerService.SendTransitionsCallback): void;
                  (request: safewire.robotics.v1.IChunk): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendTransitions";
                  readonly path: "/safewire.robotics.v1.LearnerService/SendTransitions";
                  readonly requestType: "Chunk";
                  readonly responseType: "Empty";
                  readonly requestStream: true;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#sendInteractions}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type SendInteractionsCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls SendInteractions. */
                type SendInteractions = {
                  (request: safewire.robotics.v1.IInteractionStats, callback: safewire.robotics.v1.LearnerService.SendInteractionsCallback): void;
                  (request: safewire.robotics.v1.IInteractionStats): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "SendInteractions";
                  readonly path: "/safewire.robotics.v1.LearnerService/SendInteractions";
                  readonly requestType: "InteractionStats";
                  readonly responseType: "Empty";
                  readonly requestStream: true;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link safewire.robotics.v1.LearnerService#ready}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type ReadyCallback = (error: (Error|null), response?: safewire.robotics.v1.Empty) => void;

                /** Calls Ready. */
                type Ready = {
                  (request: safewire.robotics.v1.IEmpty, callback: safewire.robotics.v1.LearnerService.ReadyCallback): void;
                  (request: safewire.robotics.v1.IEmpty): Promise<safewire.robotics.v1.Empty>;
                  readonly name: "Ready";
                  readonly path: "/safewire.robotics.v1.LearnerService/Ready";
                  readonly requestType: "Empty";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };
            }

            /**
             * Properties of a Transition.
             * @deprecated Use safewire.robotics.v1.Transition.$Properties instead.
             */
            interface ITransition extends safewire.robotics.v1.Transition.$Properties {
            }

            /** Represents a Transition. */
            class Transition {

                /**
                 * Constructs a new Transition.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Transition.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Transition state. */
                state: { [k: string]: safewire.robotics.v1.Tensor.$Properties };

                /** Transition action. */
                action?: (safewire.robotics.v1.Tensor.$Properties|null);

                /** Transition reward. */
                reward: number;

                /** Transition next_state. */
                next_state: { [k: string]: safewire.robotics.v1.Tensor.$Properties };

                /** Transition done. */
                done: boolean;

                /** Transition truncated. */
                truncated: boolean;

                /** Transition info. */
                info: { [k: string]: safewire.robotics.v1.Tensor.$Properties };

                /**
                 * Creates a new Transition instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Transition instance
                 */
                static create(properties: safewire.robotics.v1.Transition.$Shape): safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape;
                static create(properties?: safewire.robotics.v1.Transition.$Properties): safewire.robotics.v1.Transition;

                /**
                 * Encodes the specified Transition message. Does not implicitly {@link safewire.robotics.v1.Transition.verify|verify} messages.
                 * @param message Transition message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Transition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Transition message, length delimited. Does not implicitly {@link safewire.robotics.v1.Transition.verify|verify} messages.
                 * @param message Transition message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Transition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Transition message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape} Transition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape;

                /**
                 * Decodes a Transition message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape} Transition
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Transition & safewire.robotics.v1.Transition.$Shape;

                /**
                 * Verifies a Transition message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Transition message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Transition
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Transition;

                /**
                 * Creates a plain object from a Transition message. Also converts values to other types if specified.
                 * @param message Transition
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Transition, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Transition to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Transition
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Transition {

                /** Properties of a Transition. */
                interface $Properties {

                    /** Transition state */
                    state?: ({ [k: string]: safewire.robotics.v1.Tensor.$Properties }|null);

                    /** Transition action */
                    action?: (safewire.robotics.v1.Tensor.$Properties|null);

                    /** Transition reward */
                    reward?: (number|null);

                    /** Transition next_state */
                    next_state?: ({ [k: string]: safewire.robotics.v1.Tensor.$Properties }|null);

                    /** Transition done */
                    done?: (boolean|null);

                    /** Transition truncated */
                    truncated?: (boolean|null);

                    /** Transition info */
                    info?: ({ [k: string]: safewire.robotics.v1.Tensor.$Properties }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Transition. */
                type $Shape = safewire.robotics.v1.Transition.$Properties;
            }

            /**
             * Properties of a Parameters.
             * @deprecated Use safewire.robotics.v1.Parameters.$Properties instead.
             */
            interface IParameters extends safewire.robotics.v1.Parameters.$Properties {
            }

            /** Represents a Parameters. */
            class Parameters {

                /**
                 * Constructs a new Parameters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.Parameters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Parameters tensors. */
                tensors: { [k: string]: safewire.robotics.v1.Tensor.$Properties };

                /**
                 * Creates a new Parameters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Parameters instance
                 */
                static create(properties: safewire.robotics.v1.Parameters.$Shape): safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape;
                static create(properties?: safewire.robotics.v1.Parameters.$Properties): safewire.robotics.v1.Parameters;

                /**
                 * Encodes the specified Parameters message. Does not implicitly {@link safewire.robotics.v1.Parameters.verify|verify} messages.
                 * @param message Parameters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.Parameters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Parameters message, length delimited. Does not implicitly {@link safewire.robotics.v1.Parameters.verify|verify} messages.
                 * @param message Parameters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.Parameters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Parameters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape} Parameters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape;

                /**
                 * Decodes a Parameters message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape} Parameters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.Parameters & safewire.robotics.v1.Parameters.$Shape;

                /**
                 * Verifies a Parameters message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Parameters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Parameters
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.Parameters;

                /**
                 * Creates a plain object from a Parameters message. Also converts values to other types if specified.
                 * @param message Parameters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.Parameters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Parameters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Parameters
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Parameters {

                /** Properties of a Parameters. */
                interface $Properties {

                    /** Parameters tensors */
                    tensors?: ({ [k: string]: safewire.robotics.v1.Tensor.$Properties }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Parameters. */
                type $Shape = safewire.robotics.v1.Parameters.$Properties;
            }

            /**
             * Properties of an InteractionStats.
             * @deprecated Use safewire.robotics.v1.InteractionStats.$Properties instead.
             */
            interface IInteractionStats extends safewire.robotics.v1.InteractionStats.$Properties {
            }

            /** Represents an InteractionStats. */
            class InteractionStats {

                /**
                 * Constructs a new InteractionStats.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: safewire.robotics.v1.InteractionStats.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** InteractionStats episodic_reward. */
                episodic_reward: number;

                /** InteractionStats interaction_step. */
                interaction_step: Long;

                /** InteractionStats intervention_rate. */
                intervention_rate: number;

                /** InteractionStats episode_interventions. */
                episode_interventions: number;

                /** InteractionStats extra. */
                extra: { [k: string]: number };

                /**
                 * Creates a new InteractionStats instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InteractionStats instance
                 */
                static create(properties: safewire.robotics.v1.InteractionStats.$Shape): safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape;
                static create(properties?: safewire.robotics.v1.InteractionStats.$Properties): safewire.robotics.v1.InteractionStats;

                /**
                 * Encodes the specified InteractionStats message. Does not implicitly {@link safewire.robotics.v1.InteractionStats.verify|verify} messages.
                 * @param message InteractionStats message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: safewire.robotics.v1.InteractionStats.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified InteractionStats message, length delimited. Does not implicitly {@link safewire.robotics.v1.InteractionStats.verify|verify} messages.
                 * @param message InteractionStats message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: safewire.robotics.v1.InteractionStats.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InteractionStats message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape} InteractionStats
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape;

                /**
                 * Decodes an InteractionStats message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape} InteractionStats
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): safewire.robotics.v1.InteractionStats & safewire.robotics.v1.InteractionStats.$Shape;

                /**
                 * Verifies an InteractionStats message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an InteractionStats message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns InteractionStats
                 */
                static fromObject(object: { [k: string]: any }): safewire.robotics.v1.InteractionStats;

                /**
                 * Creates a plain object from an InteractionStats message. Also converts values to other types if specified.
                 * @param message InteractionStats
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: safewire.robotics.v1.InteractionStats, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this InteractionStats to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for InteractionStats
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace InteractionStats {

                /** Properties of an InteractionStats. */
                interface $Properties {

                    /** InteractionStats episodic_reward */
                    episodic_reward?: (number|null);

                    /** InteractionStats interaction_step */
                    interaction_step?: (Long|null);

                    /** InteractionStats intervention_rate */
                    intervention_rate?: (number|null);

                    /** InteractionStats episode_interventions */
                    episode_interventions?: (number|null);

                    /** InteractionStats extra */
                    extra?: ({ [k: string]: number }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InteractionStats. */
                type $Shape = safewire.robotics.v1.InteractionStats.$Properties;
            }
        }
    }
}
