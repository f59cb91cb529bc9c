## Crisis and abuse replies (deepened by the safety-and-care issue)

crisis-resources =
    I'm really glad you told me. You deserve support right now, from a person.
    { $emergency_line }
    { $crisis_line }
    Other countries: { $directory }
    I'm still here if you want to keep talking.
abuse-resources =
    What you describe sounds frightening, and it isn't your fault. If you're in danger now, please get help.
    { $emergency_line }
    { $abuse_line }
    Other countries: { $directory }
    You can delete this conversation here at any time with /forget.
resource-emergency = Emergency: call { $number }.
resource-line = { $name }: { $how }.
resource-none = If you're not sure which line to call, the directory below lists free, confidential ones near you.
resource-emergency-unknown = In an emergency, call your local emergency number (112 in most of Europe, 911 in North America).
resource-call = call { $value }
resource-text = text { $value }
resource-chat = chat at { $value }
