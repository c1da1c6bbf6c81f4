/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/light.js";

const $root = ($protobuf.roots["safewire_robotics_descriptor"] || ($protobuf.roots["safewire_robotics_descriptor"] = new $protobuf.Root()))
.addJSON({
  "safewire": {
    "nested": {
      "robotics": {
        "nested": {
          "v1": {
            "nested": {
              "ActionChunk": {
                "fields": {
                  "timestamp_ns": {
                    "type": "int64",
                    "id": 1
                  },
                  "timestep": {
                    "type": "int64",
                    "id": 2
                  },
                  "step_ns": {
                    "type": "int64",
                    "id": 3
                  },
                  "actions": {
                    "type": "Tensor",
                    "id": 4
                  },
                  "action_names": {
                    "rule": "repeated",
                    "type": "string",
                    "id": 5
                  }
                }
              },
              "Tensor": {
                "fields": {
                  "dtype": {
                    "type": "string",
                    "id": 1
                  },
                  "shape": {
                    "rule": "repeated",
                    "type": "uint32",
                    "id": 2
                  },
                  "data": {
                    "type": "bytes",
                    "id": 3
                  }
                }
              },
              "Image": {
                "fields": {
                  "height": {
                    "type": "uint32",
                    "id": 1
                  },
                  "width": {
                    "type": "uint32",
                    "id": 2
                  },
                  "encoding": {
                    "type": "string",
                    "id": 3
                  },
                  "step": {
                    "type": "uint32",
                    "id": 4
                  },
                  "data": {
                    "type": "bytes",
                    "id": 5
                  }
                }
              },
              "Observation": {
                "fields": {
                  "timestamp_ns": {
                    "type": "int64",
                    "id": 1
                  },
                  "timestep": {
                    "type": "int64",
                    "id": 2
                  },
                  "task": {
                    "type": "string",
                    "id": 3
                  },
                  "must_go": {
                    "type": "bool",
                    "id": 4
                  },
                  "state": {
                    "type": "Tensor",
                    "id": 5
                  },
                  "state_names": {
                    "rule": "repeated",
                    "type": "string",
                    "id": 6
                  },
                  "images": {
                    "keyType": "string",
                    "type": "Image",
                    "id": 7
                  },
                  "extras": {
                    "keyType": "string",
                    "type": "Tensor",
                    "id": 8
                  }
                }
              },
              "Feature": {
                "fields": {
                  "dtype": {
                    "type": "string",
                    "id": 1
                  },
                  "shape": {
                    "rule": "repeated",
                    "type": "uint32",
                    "id": 2
                  },
                  "names": {
                    "rule": "repeated",
                    "type": "string",
                    "id": 3
                  }
                }
              },
              "PolicySetup": {
                "fields": {
                  "policy_type": {
                    "type": "string",
                    "id": 1
                  },
                  "pretrained_name_or_path": {
                    "type": "string",
                    "id": 2
                  },
                  "features": {
                    "keyType": "string",
                    "type": "Feature",
                    "id": 3
                  },
                  "actions_per_chunk": {
                    "type": "uint32",
                    "id": 4
                  },
                  "device": {
                    "type": "string",
                    "id": 5
                  },
                  "rename_map": {
                    "keyType": "string",
                    "type": "string",
                    "id": 6
                  }
                }
              },
              "Empty": {
                "fields": {}
              },
              "Chunk": {
                "fields": {
                  "transfer_id": {
                    "type": "string",
                    "id": 1
                  },
                  "index": {
                    "type": "uint32",
                    "id": 2
                  },
                  "last": {
                    "type": "bool",
                    "id": 3
                  },
                  "total_bytes": {
                    "type": "uint64",
                    "id": 4
                  },
                  "data": {
                    "type": "bytes",
                    "id": 5
                  }
                }
              },
              "TransitionBatch": {
                "fields": {
                  "transitions": {
                    "rule": "repeated",
                    "type": "Transition",
                    "id": 1
                  }
                }
              },
              "Envelope": {
                "fields": {
                  "format": {
                    "type": "string",
                    "id": 1
                  },
                  "payload": {
                    "type": "bytes",
                    "id": 2
                  }
                }
              },
              "PolicyService": {
                "methods": {
                  "Ready": {
                    "requestType": "Empty",
                    "responseType": "Empty"
                  },
                  "SendPolicyInstructions": {
                    "requestType": "PolicySetup",
                    "responseType": "Empty"
                  },
                  "SendObservations": {
                    "requestType": "Observation",
                    "requestStream": true,
                    "responseType": "Empty"
                  },
                  "GetActions": {
                    "requestType": "Empty",
                    "responseType": "ActionChunk"
                  },
                  "StreamActions": {
                    "requestType": "Empty",
                    "responseType": "ActionChunk",
                    "responseStream": true
                  }
                }
              },
              "PolicyEnvelopeService": {
                "methods": {
                  "Ready": {
                    "requestType": "Empty",
                    "responseType": "Empty"
                  },
                  "SendPolicyInstructions": {
                    "requestType": "Envelope",
                    "responseType": "Empty"
                  },
                  "SendObservations": {
                    "requestType": "Envelope",
                    "requestStream": true,
                    "responseType": "Empty"
                  },
                  "GetActions": {
                    "requestType": "Empty",
                    "responseType": "Envelope"
                  },
                  "StreamActions": {
                    "requestType": "Empty",
                    "responseType": "Envelope",
                    "responseStream": true
                  }
                }
              },
              "LearnerService": {
                "methods": {
                  "StreamParameters": {
                    "requestType": "Empty",
                    "responseType": "Chunk",
                    "responseStream": true
                  },
                  "SendTransitions": {
                    "requestType": "Chunk",
                    "requestStream": true,
                    "responseType": "Empty"
                  },
                  "SendInteractions": {
                    "requestType": "InteractionStats",
                    "requestStream": true,
                    "responseType": "Empty"
                  },
                  "Ready": {
                    "requestType": "Empty",
                    "responseType": "Empty"
                  }
                }
              },
              "Transition": {
                "fields": {
                  "state": {
                    "keyType": "string",
                    "type": "Tensor",
                    "id": 1
                  },
                  "action": {
                    "type": "Tensor",
                    "id": 2
                  },
                  "reward": {
                    "type": "double",
                    "id": 3
                  },
                  "next_state": {
                    "keyType": "string",
                    "type": "Tensor",
                    "id": 4
                  },
                  "done": {
                    "type": "bool",
                    "id": 5
                  },
                  "truncated": {
                    "type": "bool",
                    "id": 6
                  },
                  "info": {
                    "keyType": "string",
                    "type": "Tensor",
                    "id": 7
                  }
                }
              },
              "Parameters": {
                "fields": {
                  "tensors": {
                    "keyType": "string",
                    "type": "Tensor",
                    "id": 1
                  }
                }
              },
              "InteractionStats": {
                "fields": {
                  "episodic_reward": {
                    "type": "double",
                    "id": 1
                  },
                  "interaction_step": {
                    "type": "int64",
                    "id": 2
                  },
                  "intervention_rate": {
                    "type": "double",
                    "id": 3
                  },
                  "episode_interventions": {
                    "type": "uint32",
                    "id": 4
                  },
                  "extra": {
                    "keyType": "string",
                    "type": "double",
                    "id": 5
                  }
                }
              }
            }
          }
        }
      }
    }
  }
});
export const safewire = $root.get("safewire");

export {
  /**
   * Reflected root namespace.
   * @type {$protobuf.Root}
   */
  $root as default
};
