// Placeholder bodies so the interface builds; the implementation replaces them.
#include "mqtt.h"

namespace kiosk {

bool ParseMqttConfig(std::string_view, const std::string&, MqttConfig*,
                     std::vector<std::string>* errors) {
  if (errors) errors->push_back("not implemented");
  return false;
}
bool ParseMqttUrl(std::string_view, MqttConfig*, std::string* error) {
  if (error) *error = "not implemented";
  return false;
}
bool ValidMqttId(std::string_view) { return false; }
std::string MqttIdFromHostName(std::string_view) { return "kiosk"; }
std::string MqttStateTopic(const MqttConfig& c) { return "kiosk/" + c.id + "/state"; }
std::string MqttAvailabilityTopic(const MqttConfig& c) { return "kiosk/" + c.id + "/availability"; }
std::vector<std::string> MqttSubscriptions(const MqttConfig&) { return {}; }
MqttInbound HandleMqttMessage(const MqttConfig&, std::string_view, std::string_view, std::size_t) {
  return {};
}
std::string MqttStatePayload(const ShowStatus&, const MqttStateExtras&) { return "{}"; }
std::vector<MqttMessage> MqttDiscoveryMessages(const MqttConfig&, std::string_view) { return {}; }

}  // namespace kiosk
